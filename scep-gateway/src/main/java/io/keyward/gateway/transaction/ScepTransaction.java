package io.keyward.gateway.transaction;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.keyward.api.gateway.EnrollmentTransaction;

/**
 * One SCEP transaction (RFC 8894 section 3.2.1.1), unique per profile and transactionID.
 * It keeps the issued certificate so a retried request gets the same answer (protocol
 * brief section 2.8).
 */
@Entity
@Table(name = "transaction")
public class ScepTransaction {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String profile;

	@Column(name = "transaction_id", nullable = false)
	private String transactionId;

	@Column(name = "message_type", nullable = false)
	private String messageType;

	@Column(name = "signer_key_sha256", nullable = false)
	private String signerKeySha256;

	@Column(name = "csr_sha256", nullable = false)
	private String csrSha256;

	private String subject;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private TransactionStatus status;

	@Column(name = "fail_info")
	private String failInfo;

	@Column(name = "failure_reason")
	private String failureReason;

	@Column(name = "certificate_serial")
	private String certificateSerial;

	private byte[] certificate;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "decided_by")
	private String decidedBy;

	@Column(name = "decided_at")
	private Instant decidedAt;

	@Column(name = "decision_comment")
	private String decisionComment;

	@Column(name = "content_encryption_algorithm")
	private String contentEncryptionAlgorithm;

	@Column(name = "key_transport_algorithm")
	private String keyTransportAlgorithm;

	@Column(name = "digest_algorithm")
	private String digestAlgorithm;

	@Column(name = "signature_algorithm")
	private String signatureAlgorithm;

	protected ScepTransaction() {
	}

	String transactionId() {
		return this.transactionId;
	}

	public String csrSha256() {
		return this.csrSha256;
	}

	public TransactionStatus status() {
		return this.status;
	}

	public String failInfo() {
		return this.failInfo;
	}

	public String failureReason() {
		return this.failureReason;
	}

	public String certificateSerial() {
		return this.certificateSerial;
	}

	public byte[] certificate() {
		return this.certificate;
	}

	public EnrollmentTransaction toApi() {
		return new EnrollmentTransaction(this.transactionId, this.profile, this.messageType, this.subject,
				this.status.name(), this.failInfo, this.failureReason, this.certificateSerial, this.createdAt,
				this.updatedAt, this.id.toString(), this.decidedBy, this.decidedAt, this.decisionComment,
				this.contentEncryptionAlgorithm, this.keyTransportAlgorithm, this.digestAlgorithm,
				this.signatureAlgorithm);
	}

}
