package io.keyward.gateway.transaction;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.keyward.edge.pem.Certificates;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.InvalidRequestException;

/**
 * A transaction as stored in {@code gateway.transaction}.
 *
 * @param profile the profile it arrived on
 * @param transactionId the client's transactionID (RFC 8894 section 3.2.1.1)
 * @param signerKeySha256 SHA-256 of the public key that signed the PKCSReq: a CertPoll
 * must come from the same key
 * @param csrSha256 SHA-256 of the PKCS#10 request
 * @param csr the PKCS#10 request (DER, opened from its sealed column: {@link StoredCsr}),
 * null on rows written before migration V3 and on closed rows past their retention
 * @param status where it stands; RECEIVED means open
 * @param failInfo the failInfo name of a FAILED transaction
 * @param failureReason why it FAILED, or why the last attempt could not complete it
 * @param certificateSerial the serial of the certificate of an ISSUED transaction
 * @param certificate that certificate (DER)
 * @param claimToken who works on it now, null when nobody does
 * @param claimedAt since when
 * @param attempts how many attempts found an upstream service unavailable
 * @param nextAttemptAt when the finisher may try again
 * @param createdAt when the first request arrived
 * @param template the template the challenge-service named (or the profile's default),
 * kept while the transaction waits for approval
 * @param approvalExpiresAt when a transaction waiting for approval is closed FAILED
 * @param decision APPROVED or REJECTED once an admin decided, otherwise null
 * @param decidedAt when
 * @param renewalOf the serial of the certificate this transaction renews (RFC 8894
 * section 2.5), null for an enrollment authorised by a challenge
 * @param correlationId the enrollment's correlation id (issue 14), null on rows recorded
 * before V16
 */
public record TransactionRow(String profile, String transactionId, String signerKeySha256, String csrSha256, byte[] csr,
		TransactionStatus status, String failInfo, String failureReason, String certificateSerial, byte[] certificate,
		UUID claimToken, Instant claimedAt, int attempts, Instant nextAttemptAt, Instant createdAt, String template,
		Instant approvalExpiresAt, String decision, Instant decidedAt, String renewalOf, UUID correlationId) {

	static final String COLUMNS = "profile, transaction_id, signer_key_sha256, csr_sha256, csr, status, fail_info, "
			+ "failure_reason, certificate_serial, certificate, claim_token, claimed_at, attempts, next_attempt_at, "
			+ "created_at, template, approval_expires_at, decision, decided_at, renewal_of, correlation_id";

	/** {@link #decision} of an approved transaction. */
	public static final String APPROVED = "APPROVED";

	/** {@link #decision} of a rejected transaction. */
	public static final String REJECTED = "REJECTED";

	/**
	 * @return whether the transaction still waits for its certificate or refusal
	 */
	public boolean open() {
		return this.status == TransactionStatus.RECEIVED;
	}

	/**
	 * @return the template to issue with once approved, null while not approved
	 */
	public String approvedTemplate() {
		return APPROVED.equals(this.decision) ? this.template : null;
	}

	/**
	 * @return since when the transaction is open for the finisher's give-up age: an
	 * approved transaction from its approval, not from the days it waited
	 */
	public Instant openSince() {
		return (this.decidedAt != null) ? this.decidedAt : this.createdAt;
	}

	/**
	 * @return the stored PKCS#10 request, which parsed when it was stored
	 */
	public CertificationRequest pkcs10() {
		try {
			return CertificationRequest.parse(this.csr);
		}
		catch (InvalidRequestException ex) {
			throw new IllegalStateException("stored CSR of transaction cannot be parsed", ex);
		}
	}

	/**
	 * @return the certificate of an ISSUED transaction
	 */
	public X509Certificate issuedCertificate() {
		try {
			return Certificates.read(this.certificate);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored certificate of transaction cannot be parsed", ex);
		}
	}

	static TransactionRow map(ResultSet rs, StoredCsr storedCsr) throws SQLException {
		return new TransactionRow(rs.getString("profile"), rs.getString("transaction_id"),
				rs.getString("signer_key_sha256"), rs.getString("csr_sha256"), storedCsr.open(rs.getBytes("csr")),
				TransactionStatus.valueOf(rs.getString("status")), rs.getString("fail_info"),
				rs.getString("failure_reason"), rs.getString("certificate_serial"), rs.getBytes("certificate"),
				rs.getObject("claim_token", UUID.class), instant(rs, "claimed_at"), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"), instant(rs, "created_at"), rs.getString("template"),
				instant(rs, "approval_expires_at"), rs.getString("decision"), instant(rs, "decided_at"),
				rs.getString("renewal_of"), rs.getObject("correlation_id", UUID.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return TransactionHistory.instant(rs, column);
	}

}
