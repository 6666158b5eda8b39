package io.keyward.ca.issuance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssuedCertificate;

/**
 * An issued certificate, a row of {@code ca.certificate} (written and read by
 * {@link CertificateStore} and {@link CertificateInventory}). The serial is unique in the
 * database: that constraint, not the randomness alone, is what guarantees no serial is
 * ever used twice.
 */
final class CertificateRecord {

	private final String serial;

	private final String subject;

	private final String[] sans;

	private final Instant notBefore;

	private final Instant notAfter;

	private final String profile;

	private final String template;

	private final String transactionId;

	private final String pem;

	private final Instant issuedAt;

	private Instant revokedAt;

	private String revocationReason;

	private String revokedBy;

	private String revocationComment;

	private String replacedBy;

	private String renewalOf;

	private String requestedBy;

	private UUID correlationId;

	CertificateRecord(String serial, String subject, List<String> sans, Instant notBefore, Instant notAfter,
			String profile, String template, String transactionId, String pem, Instant issuedAt, String renewalOf) {
		this.serial = serial;
		this.subject = subject;
		this.sans = sans.toArray(String[]::new);
		this.notBefore = notBefore;
		this.notAfter = notAfter;
		this.profile = profile;
		this.template = template;
		this.transactionId = transactionId;
		this.pem = pem;
		this.issuedAt = issuedAt;
		this.renewalOf = renewalOf;
	}

	String serial() {
		return this.serial;
	}

	String subject() {
		return this.subject;
	}

	String[] sans() {
		return this.sans.clone();
	}

	Instant notBefore() {
		return this.notBefore;
	}

	Instant notAfter() {
		return this.notAfter;
	}

	String profile() {
		return this.profile;
	}

	String template() {
		return this.template;
	}

	String transactionId() {
		return this.transactionId;
	}

	String pem() {
		return this.pem;
	}

	Instant issuedAt() {
		return this.issuedAt;
	}

	String renewalOf() {
		return this.renewalOf;
	}

	Instant revokedAt() {
		return this.revokedAt;
	}

	String revocationReason() {
		return this.revocationReason;
	}

	/**
	 * The revocation and renewal columns, as read from a row.
	 */
	CertificateRecord lifecycle(Instant revokedAt, String revocationReason, String revokedBy, String revocationComment,
			String replacedBy, String renewalOf) {
		this.revokedAt = revokedAt;
		this.revocationReason = revocationReason;
		this.revokedBy = revokedBy;
		this.revocationComment = revocationComment;
		this.replacedBy = replacedBy;
		this.renewalOf = renewalOf;
		return this;
	}

	/**
	 * @param requestedBy the internal caller that asked for it (V6; null before)
	 * @return this record
	 */
	CertificateRecord requestedBy(String requestedBy) {
		this.requestedBy = requestedBy;
		return this;
	}

	String requestedBy() {
		return this.requestedBy;
	}

	/**
	 * @param correlationId the enrollment's correlation id (V13; null before, and for
	 * certificates issued outside an enrollment)
	 * @return this record
	 */
	CertificateRecord correlationId(UUID correlationId) {
		this.correlationId = correlationId;
		return this;
	}

	UUID correlationId() {
		return this.correlationId;
	}

	/**
	 * @param now the instant the status is reported for: a revoked certificate is
	 * {@code REVOKED} even after it expired
	 */
	IssuedCertificate toApi(Instant now) {
		String status = (this.revokedAt != null) ? IssuedCertificate.REVOKED
				: this.notAfter.isAfter(now) ? IssuedCertificate.VALID : IssuedCertificate.EXPIRED;
		return new IssuedCertificate(SerialNumbers.hex(this.serial), this.subject, List.of(this.sans), this.notBefore,
				this.notAfter, this.profile, this.template, this.transactionId, this.pem, this.issuedAt, status,
				this.revokedAt, this.revocationReason, this.revokedBy, this.revocationComment,
				SerialNumbers.hex(this.replacedBy), SerialNumbers.hex(this.renewalOf), this.requestedBy,
				(this.correlationId != null) ? this.correlationId.toString() : null);
	}

}
