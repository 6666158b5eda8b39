package io.keyward.gateway.transaction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.keyward.api.gateway.TransactionPage;
import io.keyward.gateway.GatewayProperties;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records SCEP transactions and answers for them.
 * <p>
 * A request that is about to call the challenge-service and the ca-adapter first
 * <em>claims</em> its transaction: the insert of a new row carries the claim, an open
 * (RECEIVED, unclaimed) row is claimed by a conditional update. Each is one
 * auto-committed statement, and so is recording the outcome, which releases the claim; no
 * database connection is held while the upstream services work. An identical request
 * arriving meanwhile finds the row claimed and polls until the outcome is recorded, then
 * answers from it, so two identical requests never both reach the CA (protocol brief
 * section 2.8). A claim outlives {@link #lease} only when its gateway died mid-request; a
 * retry may then take it over.
 */
@Component
public class TransactionLog {

	/** How often a duplicate request looks whether the first one has finished. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final String COLUMNS = "csr_sha256, status, fail_info, failure_reason, certificate_serial, "
			+ "certificate, claim_token, claimed_at";

	private final ScepTransactionRepository repository;

	private final JdbcClient jdbc;

	private final Clock clock;

	/** Longer than the slowest legitimate request: both upstream calls timing out. */
	private final Duration lease;

	/** How long a duplicate waits for the request that holds the claim. */
	private final Duration wait;

	TransactionLog(ScepTransactionRepository repository, JdbcClient jdbc, Clock clock, GatewayProperties properties) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.clock = clock;
		this.lease = properties.timeout().multipliedBy(4).plusSeconds(30);
		this.wait = properties.timeout().multipliedBy(2).plusSeconds(5);
	}

	/**
	 * Record a new transaction or find the existing one, and claim it when it is still
	 * open. Waits while another request holds the claim.
	 * @return what the caller may do: work under the claim, or answer from the record
	 */
	public Recorded claim(NewTransaction request) {
		UUID token = UUID.randomUUID();
		Instant now = this.clock.instant();
		int inserted = this.jdbc.sql("""
				insert into transaction (id, profile, transaction_id, message_type, signer_key_sha256, csr_sha256,
				    subject, status, created_at, updated_at, claim_token, claimed_at)
				values (:id, :profile, :transactionId, :messageType, :signerKeySha256, :csrSha256,
				    :subject, 'RECEIVED', :now, :now, :token, :now)
				on conflict (profile, transaction_id) do nothing
				""")
			.param("id", UUID.randomUUID())
			.param("profile", request.profile())
			.param("transactionId", request.transactionId())
			.param("messageType", request.messageType())
			.param("signerKeySha256", request.signerKeySha256())
			.param("csrSha256", request.csrSha256())
			.param("subject", request.subject())
			.param("now", utc(now))
			.param("token", token)
			.update();
		if (inserted == 1) {
			return new Recorded(Outcome.CLAIMED, new Claim(request.profile(), request.transactionId(), token), null);
		}
		long deadline = System.nanoTime() + this.wait.toNanos();
		while (true) {
			Row row = find(request.profile(), request.transactionId())
				.orElseThrow(() -> new IllegalStateException("transaction row missing after insert"));
			if (!row.csrSha256().equals(request.csrSha256())) {
				return new Recorded(Outcome.OTHER_CSR, null, row);
			}
			if (row.status() != TransactionStatus.RECEIVED) {
				return new Recorded(Outcome.ANSWERED, null, row);
			}
			if (row.claimToken() == null || row.claimedAt().isBefore(this.clock.instant().minus(this.lease))) {
				if (takeOver(request, row, token)) {
					return new Recorded(Outcome.CLAIMED, new Claim(request.profile(), request.transactionId(), token),
							null);
				}
				continue;
			}
			if (System.nanoTime() - deadline > 0) {
				return new Recorded(Outcome.BUSY, null, row);
			}
			sleep();
		}
	}

	private boolean takeOver(NewTransaction request, Row seen, UUID token) {
		// compare-and-set on the claim seen: of two requests taking over, one wins
		String seenClaim = (seen.claimToken() != null) ? "claim_token = :seen" : "claim_token is null";
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				update transaction set claim_token = :token, claimed_at = :now
				where profile = :profile and transaction_id = :transactionId and status = 'RECEIVED' and
				""" + seenClaim)
			.param("token", token)
			.param("now", utc(this.clock.instant()))
			.param("profile", request.profile())
			.param("transactionId", request.transactionId());
		if (seen.claimToken() != null) {
			statement = statement.param("seen", seen.claimToken());
		}
		return statement.update() == 1;
	}

	/**
	 * The CA issued: remember the certificate for retries and release the claim.
	 */
	public void issued(Claim claim, String serial, byte[] certificateDer) {
		finish(claim, TransactionStatus.ISSUED, null, null, serial, certificateDer);
	}

	/**
	 * A final refusal: retries get the same FAILURE.
	 */
	public void failed(Claim claim, String failInfo, String reason) {
		finish(claim, TransactionStatus.FAILED, failInfo, reason, null, null);
	}

	/**
	 * A service on the way was unavailable (or the request broke): the transaction stays
	 * open for a retry.
	 */
	public void release(Claim claim, String reason) {
		finish(claim, TransactionStatus.RECEIVED, null, reason, null, null);
	}

	private void finish(Claim claim, TransactionStatus status, String failInfo, String reason, String serial,
			byte[] certificate) {
		int updated = this.jdbc.sql("""
				update transaction set status = :status, fail_info = :failInfo, failure_reason = :reason,
				    certificate_serial = :serial, certificate = :certificate, updated_at = :now,
				    claim_token = null, claimed_at = null
				where profile = :profile and transaction_id = :transactionId and claim_token = :token
				""")
			.param("status", status.name())
			.param("failInfo", failInfo)
			.param("reason", reason)
			.param("serial", serial)
			.param("certificate", certificate)
			.param("now", utc(this.clock.instant()))
			.param("profile", claim.profile())
			.param("transactionId", claim.transactionId())
			.param("token", claim.token())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("the claim on the transaction was lost before its outcome was recorded");
		}
	}

	private Optional<Row> find(String profile, String transactionId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from transaction where profile = :profile and transaction_id = :transactionId")
			.param("profile", profile)
			.param("transactionId", transactionId)
			.query(TransactionLog::row)
			.optional();
	}

	private static Row row(ResultSet rs, int rowNumber) throws SQLException {
		OffsetDateTime claimedAt = rs.getObject("claimed_at", OffsetDateTime.class);
		return new Row(rs.getString("csr_sha256"), TransactionStatus.valueOf(rs.getString("status")),
				rs.getString("fail_info"), rs.getString("failure_reason"), rs.getString("certificate_serial"),
				rs.getBytes("certificate"), rs.getObject("claim_token", UUID.class),
				(claimedAt != null) ? claimedAt.toInstant() : null);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL_INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a concurrent identical request", ex);
		}
	}

	@Transactional(readOnly = true)
	public TransactionPage page(int page, int size) {
		Page<ScepTransaction> result = this.repository.newestFirst(PageRequest.of(page, size));
		return new TransactionPage(result.map(ScepTransaction::toApi).getContent(), page, size,
				result.getTotalElements());
	}

	/**
	 * What the enrollment knows before the row exists.
	 */
	public record NewTransaction(String profile, String transactionId, String messageType, String signerKeySha256,
			String csrSha256, String subject) {
	}

	/**
	 * The right to call upstream for a transaction and record its outcome.
	 */
	public record Claim(String profile, String transactionId, UUID token) {
	}

	/**
	 * The transaction as stored.
	 */
	public record Row(String csrSha256, TransactionStatus status, String failInfo, String failureReason,
			String certificateSerial, byte[] certificate, UUID claimToken, Instant claimedAt) {
	}

	/**
	 * What {@link #claim} found.
	 */
	public enum Outcome {

		/** This request holds the claim: go upstream, then record the outcome. */
		CLAIMED,

		/** Already ISSUED or FAILED: answer from the row. */
		ANSWERED,

		/** The transactionID was used with another CSR: refuse, leave the row alone. */
		OTHER_CSR,

		/**
		 * Another request still holds the claim after the wait: ask the client to retry.
		 */
		BUSY

	}

	/**
	 * @param outcome what to do
	 * @param claim when CLAIMED
	 * @param row when not CLAIMED
	 */
	public record Recorded(Outcome outcome, Claim claim, Row row) {
	}

}
