package io.keyward.admin.authority;

import java.time.Duration;
import java.time.Instant;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.gateway.RaCertificate;
import io.keyward.api.gateway.TlsCertificate;

/**
 * One CA, OCSP signer, RA or TLS certificate with the days it has left: an expired RA
 * certificate silently stops every enrollment (the commonest NDES outage), so the page
 * marks any with fewer than {@link #WARN_DAYS} days.
 *
 * @param role CA, OCSP_SIGNER, RA signing, RA encryption, TLS
 * @param state CURRENT or PREVIOUS for RA certificates, empty otherwise
 * @param subject subject DN
 * @param serial upper-case hex
 * @param notAfter end of validity, UTC
 * @param daysLeft whole days until it expires, negative when expired
 * @param low whether it needs attention
 */
public record AuthorityRow(String role, String state, String subject, String serial, String notAfter, long daysLeft,
		boolean low) {

	static final long WARN_DAYS = 30;

	public static AuthorityRow of(AuthorityCertificate certificate, Instant now) {
		return of(certificate.role(), "", certificate.subject(), certificate.serialNumber(), certificate.notAfter(),
				now);
	}

	public static AuthorityRow of(RaCertificate certificate, Instant now) {
		return of("RA " + certificate.purpose(), certificate.state(), certificate.subject(), certificate.serialNumber(),
				certificate.notAfter(), now);
	}

	public static AuthorityRow of(TlsCertificate certificate, Instant now) {
		return of("TLS (scep-gateway)", "", certificate.subject(), certificate.serialNumber(), certificate.notAfter(),
				now);
	}

	private static AuthorityRow of(String role, String state, String subject, String serial, Instant notAfter,
			Instant now) {
		long days = (notAfter != null) ? Duration.between(now, notAfter).toDays() : 0;
		return new AuthorityRow(role, (state != null) ? state : "", subject, serial, Timestamps.utc(notAfter), days,
				days < WARN_DAYS);
	}

}
