package io.keyward.api.ca;

import java.time.Instant;
import java.util.List;

/**
 * A certificate the ca-adapter issued.
 *
 * @param serialNumber upper-case hex, no separators
 * @param subject RFC 4514 subject DN
 * @param subjectAltNames as {@code type:value}, for example {@code dns:host.example}
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param profile enrollment profile
 * @param template certificate template
 * @param transactionId SCEP transactionID, null when issued outside SCEP
 * @param certificatePem the certificate, PEM
 * @param issuedAt when it was issued
 * @param status {@code VALID}, {@code REVOKED} or {@code EXPIRED} (revoked wins over
 * expired), as of the answer
 * @param revokedAt when it was revoked, null unless revoked
 * @param revocationReason RFC 5280 CRLReason name in camelCase (for example
 * {@code keyCompromise}), null unless revoked
 * @param revokedBy who revoked it, as the caller recorded it
 * @param revocationComment why, free text from the caller
 * @param replacedBy serial of the renewal that replaced it, null when not replaced
 * @param renewalOf serial of the certificate it renewed, null for a first enrollment
 * @param requestedBy the internal caller that asked the CA for it (for example
 * {@code gateway}); null for certificates issued before the CA recorded it
 * @param correlationId the correlation id of the enrollment it was issued for (issue 14);
 * null for certificates issued before the CA recorded it or outside SCEP
 */
public record IssuedCertificate(String serialNumber, String subject, List<String> subjectAltNames, Instant notBefore,
		Instant notAfter, String profile, String template, String transactionId, String certificatePem,
		Instant issuedAt, String status, Instant revokedAt, String revocationReason, String revokedBy,
		String revocationComment, String replacedBy, String renewalOf, String requestedBy, String correlationId) {

	public static final String VALID = "VALID";

	public static final String REVOKED = "REVOKED";

	public static final String EXPIRED = "EXPIRED";

}
