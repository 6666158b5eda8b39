package io.keyward.admin.certificate;

import java.util.List;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssuedCertificate;

/**
 * One line of the certificate table. Subject and SANs come from CSRs (attacker-controlled
 * text): the template prints them only with {@code th:text}.
 *
 * @param issuedAt when it was issued, UTC
 * @param serial upper-case hex serial
 * @param subject RFC 4514 subject DN
 * @param subjectAltNames SANs as {@code type:value}, comma separated
 * @param profile enrollment profile
 * @param template certificate template
 * @param notAfter end of validity, UTC
 * @param transactionId SCEP transactionID, empty when issued outside SCEP
 * @param status VALID, REVOKED or EXPIRED
 * @param correlationId the enrollment's correlation id (issue 14), empty when not
 * recorded
 */
record CertificateRow(String issuedAt, String serial, String subject, String subjectAltNames, String profile,
		String template, String notAfter, String transactionId, String status, String correlationId) {

	static CertificateRow of(IssuedCertificate certificate) {
		List<String> sans = (certificate.subjectAltNames() != null) ? certificate.subjectAltNames() : List.of();
		return new CertificateRow(Timestamps.utc(certificate.issuedAt()),
				orEmpty(SerialNumbers.hex(certificate.serialNumber())), orEmpty(certificate.subject()),
				String.join(", ", sans), orEmpty(certificate.profile()), orEmpty(certificate.template()),
				Timestamps.utc(certificate.notAfter()), orEmpty(certificate.transactionId()),
				orEmpty(certificate.status()), orEmpty(certificate.correlationId()));
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
