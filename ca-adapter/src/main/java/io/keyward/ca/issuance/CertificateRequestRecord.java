package io.keyward.ca.issuance;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A request the CA accepted, stored in the same transaction as its certificate. Refused
 * requests are not stored (see {@link Issuance}), so {@code status} is {@code ISSUED};
 * the column and {@code refusal_reason} leave room for requests kept while PENDING or
 * REFUSED by a later approval step.
 */
@Entity
@Table(name = "certificate_request")
class CertificateRequestRecord {

	static final String ISSUED = "ISSUED";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "transaction_id")
	private String transactionId;

	private String profile;

	private String template;

	private byte[] csr;

	/** Hex SHA-256 of {@code csr}; null on rows stored before idempotent issuance. */
	@Column(name = "csr_sha256")
	private String csrSha256;

	private String subject;

	@Column(name = "requested_at")
	private Instant requestedAt;

	private String status;

	@Column(name = "refusal_reason")
	private String refusalReason;

	protected CertificateRequestRecord() {
	}

	CertificateRequestRecord(String transactionId, String profile, String template, byte[] csr, String csrSha256,
			String subject, Instant requestedAt) {
		this.transactionId = transactionId;
		this.profile = profile;
		this.template = template;
		this.csr = csr;
		this.csrSha256 = csrSha256;
		this.subject = subject;
		this.requestedAt = requestedAt;
		this.status = ISSUED;
	}

	Long id() {
		return this.id;
	}

}
