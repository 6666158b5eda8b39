package io.keyward.api.event;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

/**
 * Something that happened in a certificate's life that an MDM or a SIEM may want to hear
 * about (issue 14, "event webhooks") and that the external validators follow up on (an
 * Intune-validated request is reported back as issued or failed). The scep-gateway
 * publishes enrollment outcomes, the ca-adapter revocations and coming expiries, to the
 * challenge-service ({@code POST /internal/v1/events}, scope {@code events:publish}),
 * which hands each to its listeners in-process as this record and delivers it to the
 * configured webhooks.
 *
 * @param id unique per event, the receivers' idempotency key
 * @param type what happened
 * @param occurredAt when (UTC)
 * @param correlationId the one id of the challenge's, request's and certificate's life;
 * null where none is known
 * @param profile the enrollment profile, null where not known (a revocation)
 * @param transactionId the SCEP transactionID, null for events not caused by a request
 * @param subject the certificate's (or, refused, the CSR's) subject, RFC 4514
 * @param serialNumber the certificate's serial as upper-case hex as it is encoded (with
 * its leading zeros), null for a refusal
 * @param issuer the issuing CA's subject, RFC 4514, null for a refusal
 * @param notBefore the certificate's start, null for a refusal
 * @param notAfter the certificate's end, null for a refusal
 * @param thumbprintSha1 upper-case hex SHA-1 of the certificate's DER (what Intune calls
 * the certificate thumbprint), null for a refusal
 * @param failInfo the SCEP failInfo of a refusal (RFC 8894 section 3.2.1.4 name, e.g.
 * {@code badRequest}), null otherwise
 * @param reason why it was refused, or the RFC 5280 revocation reason name of a
 * revocation; null otherwise
 * @param replacedSerialNumber the serial of the certificate a renewal replaced, null
 * otherwise
 */
public record EnrollmentEvent(UUID id, Type type, Instant occurredAt, String correlationId, String profile,
		String transactionId, String subject, String serialNumber, String issuer, Instant notBefore, Instant notAfter,
		String thumbprintSha1, String failInfo, String reason, String replacedSerialNumber) {

	/**
	 * An event about an issued certificate, its fields read from the certificate: subject
	 * and issuer as RFC 4514 text, validity, and the SHA-1 thumbprint of its DER.
	 * @param correlationId the one id of the enrollment the certificate came from, null
	 * where none is known
	 * @param serialNumber the serial as the ca-adapter spells it
	 * @param reason the RFC 5280 revocation reason of a REVOKED event, else null
	 * @param replacedSerialNumber the serial a RENEWED certificate replaces, else null
	 */
	public static EnrollmentEvent ofCertificate(UUID id, Type type, Instant occurredAt, String correlationId,
			String profile, String transactionId, String serialNumber, X509Certificate certificate, String reason,
			String replacedSerialNumber) {
		try {
			String thumbprint = HexFormat.of()
				.withUpperCase()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
			return new EnrollmentEvent(id, type, occurredAt, correlationId, profile, transactionId,
					certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), serialNumber,
					certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
					certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), thumbprint, null,
					reason, replacedSerialNumber);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("certificate cannot be encoded", ex);
		}
	}

	/** What happened. */
	public enum Type {

		/** A certificate was issued for a PKCSReq. */
		ISSUED,

		/** A PKCSReq or RenewalReq was answered FAILURE. */
		REFUSED,

		/**
		 * A certificate was issued for a renewal; {@code replacedSerialNumber} names the
		 * old one.
		 */
		RENEWED,

		/** A certificate was revoked. */
		REVOKED,

		/** A certificate comes close to its end (once per certificate). */
		EXPIRING

	}

}
