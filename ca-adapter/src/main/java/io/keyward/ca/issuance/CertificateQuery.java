package io.keyward.ca.issuance;

import java.time.Instant;
import java.util.List;

import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.SearchInstants;

/**
 * A validated certificate search: every filter optional (null), checked before any SQL
 * runs so a bad parameter is a 400 and never a 500. Built by
 * {@link CertificateSearchSyntax} from the search box's text and the separate request
 * parameters.
 *
 * @param text free text: the start of any RDN value of the subject or of any SAN value
 * (with {@code =}: a prefix of the whole subject), a whole SAN value, a serial or a
 * transactionID
 * @param subject subject prefix, case-insensitive
 * @param contains a substring of the subject or a SAN, case-insensitive (a scan: slow on
 * millions of certificates unless other terms narrow the search)
 * @param san a whole SAN value, with or without its type ({@code dns:}), case-insensitive
 * @param serials the stored spellings a serial in the query may mean (hex and decimal)
 * @param transactionId SCEP transactionID, exact
 * @param status {@code VALID}, {@code REVOKED} or {@code EXPIRED}
 * @param profile enrollment profile, exact
 * @param template certificate template, exact
 * @param issuedAfter issued at or after
 * @param issuedBefore issued before
 * @param expiresAfter notAfter at or after
 * @param expiresBefore notAfter before
 * @param sort the order, keyset-compatible
 * @param after where the previous page ended
 * @param size rows per page, 1 to 500
 */
record CertificateQuery(String text, String subject, String contains, String san, List<String> serials,
		String transactionId, String status, String profile, String template, Instant issuedAfter, Instant issuedBefore,
		Instant expiresAfter, Instant expiresBefore, CertificateSort sort, CertificateInventory.Cursor after,
		int size) {

	CertificateQuery {
		SearchInstants.requireInRange("issuedAfter", issuedAfter);
		SearchInstants.requireInRange("issuedBefore", issuedBefore);
		SearchInstants.requireInRange("expiresAfter", expiresAfter);
		SearchInstants.requireInRange("expiresBefore", expiresBefore);
	}

	static CertificateQuery of(String q, String status, String profile, String expiresBefore, String after,
			Integer size, String sort, Instant now) {
		int rows = (size != null) ? size : CertificateInventory.DEFAULT_SIZE;
		if (rows < 1 || rows > CertificateInventory.MAX_SIZE) {
			throw new InvalidRequest("size must be between 1 and " + CertificateInventory.MAX_SIZE);
		}
		CertificateSort order = CertificateSort.parse(sort);
		CertificateInventory.Cursor cursor = (after != null && !after.isBlank())
				? CertificateInventory.Cursor.decode(after, order) : null;
		return new CertificateSearchSyntax(now).status(status)
			.profile(profile)
			.expiresBefore(expiresBefore)
			.parse(q)
			.query(order, cursor, rows);
	}

}
