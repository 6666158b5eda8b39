package io.keyward.ca.issuance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.problem.InvalidRequest;

/**
 * A validated certificate search: every filter optional (null), checked before any SQL
 * runs so a bad parameter is a 400 and never a 500.
 *
 * @param q substring of the subject or of a SAN, or a serial in hex
 * @param status {@code VALID}, {@code REVOKED} or {@code EXPIRED}
 * @param profile enrollment profile, exact
 * @param expiresBefore notAfter before this instant
 * @param after where the previous page ended
 * @param size rows per page, 1 to 500
 */
record CertificateQuery(String q, String status, String profile, Instant expiresBefore,
		CertificateInventory.Cursor after, int size) {

	private static final Set<String> STATUSES = Set.of(IssuedCertificate.VALID, IssuedCertificate.REVOKED,
			IssuedCertificate.EXPIRED);

	private static final int MAX_TEXT = 255;

	static CertificateQuery of(String q, String status, String profile, String expiresBefore, String after,
			Integer size) {
		int rows = (size != null) ? size : CertificateInventory.DEFAULT_SIZE;
		if (rows < 1 || rows > CertificateInventory.MAX_SIZE) {
			throw new InvalidRequest("size must be between 1 and " + CertificateInventory.MAX_SIZE);
		}
		String normalizedStatus = blankToNull(status);
		if (normalizedStatus != null) {
			normalizedStatus = normalizedStatus.toUpperCase(Locale.ROOT);
			if (!STATUSES.contains(normalizedStatus)) {
				throw new InvalidRequest("status must be VALID, REVOKED or EXPIRED");
			}
		}
		return new CertificateQuery(text("q", q), normalizedStatus, text("profile", profile), instant(expiresBefore),
				(blankToNull(after) != null) ? CertificateInventory.Cursor.decode(after) : null, rows);
	}

	/**
	 * @return {@code q} as a stored serial when it reads as one
	 */
	Optional<String> serial() {
		return (this.q != null) ? CertificateInventory.parseSerial(this.q) : Optional.empty();
	}

	private static String text(String name, String value) {
		String text = blankToNull(value);
		if (text != null && text.length() > MAX_TEXT) {
			throw new InvalidRequest(name + " is longer than " + MAX_TEXT + " characters");
		}
		return (text != null) ? text.strip() : null;
	}

	private static Instant instant(String value) {
		if (blankToNull(value) == null) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequest("expiresBefore must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
