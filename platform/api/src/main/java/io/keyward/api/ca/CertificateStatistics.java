package io.keyward.api.ca;

import java.time.Instant;
import java.util.List;

/**
 * The ca-adapter's certificates in numbers, for the dashboard's overview.
 *
 * @param at when this was counted
 * @param expiringIn7Days certificates neither revoked nor expired whose notAfter is
 * within 7 days
 * @param expiringIn30Days ... within 30 days (the 7 included)
 * @param expiringIn90Days ... within 90 days (the 30 included)
 * @param crls the newest CRL of each CA, for its age
 */
public record CertificateStatistics(Instant at, long expiringIn7Days, long expiringIn30Days, long expiringIn90Days,
		List<CrlAge> crls) {

	/**
	 * @param caName the CA (generation) that signed it
	 * @param crlNumber its CRL number (RFC 5280 section 5.2.3)
	 * @param thisUpdate when it was issued
	 * @param nextUpdate when the next one is due
	 */
	public record CrlAge(String caName, long crlNumber, Instant thisUpdate, Instant nextUpdate) {
	}

}
