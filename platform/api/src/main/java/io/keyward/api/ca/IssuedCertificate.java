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
 */
public record IssuedCertificate(String serialNumber, String subject, List<String> subjectAltNames, Instant notBefore,
		Instant notAfter, String profile, String template, String transactionId, String certificatePem,
		Instant issuedAt) {
}
