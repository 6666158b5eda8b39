package io.keyward.gateway.transaction;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.keyward.edge.log.CorrelationIds;
import io.keyward.gateway.GatewayProperties;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims on open transactions and the outcomes recorded under them.
 * <p>
 * Whoever calls the challenge-service and the ca-adapter for a transaction (a device's
 * request or the background finisher, on any gateway sharing the database) first claims
 * it; each claim and each outcome is one auto-committed conditional statement, so no
 * database connection waits on HTTP. Taking a claim is a compare-and-set on the claim
 * token and the attempt count seen, so of several gateways only one ever works on a
 * transaction at a time, and a transaction completed or rescheduled meanwhile is not
 * claimed again from a stale read. A claim outlives {@link #lease()} only when its
 * gateway died mid-request; then it may be taken over.
 */
@Component
public class TransactionClaims {

	/**
	 * {@link #takeOver}'s statement, completed by the claim token seen. "Still open" is
	 * written {@code status not in ('ISSUED', 'FAILED')} rather than
	 * {@code status = 'RECEIVED'}, the predicate of the finisher's partial index
	 * {@code transaction_open_due_idx}: with that, PostgreSQL could plan the update
	 * through the partial index, and did on statistics taken before a backlog of open
	 * transactions, reading all of them per claim. A new status that is not RECEIVED must
	 * join the {@code not in} list: WAITING_APPROVAL is not claimable, nobody may ask the
	 * CA before the approval.
	 */
	static final String TAKE_OVER = """
			update transaction set claim_token = :token, claimed_at = :now, csr = coalesce(csr, :csr),
			    correlation_id = coalesce(correlation_id, :correlationId)
			where profile = :profile and transaction_id = :transactionId and coalesce(renewal_of, '') = :renewalOf
			    and status not in ('ISSUED', 'FAILED', 'WAITING_APPROVAL') and attempts = :attempts and
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	/** Longer than the slowest legitimate attempt: both upstream calls timing out. */
	private final Duration lease;

	private final RetryBackoff backoff;

	private final StoredCsr storedCsr;

	TransactionClaims(JdbcClient jdbc, Clock clock, GatewayProperties properties, StoredCsr storedCsr) {
		this.jdbc = jdbc;
		this.storedCsr = storedCsr;
		this.clock = clock;
		this.lease = properties.timeout().multipliedBy(4).plusSeconds(30);
		this.backoff = new RetryBackoff(properties.retryInterval());
	}

	/**
	 * @return reads a {@link TransactionRow#COLUMNS} row, its CSR opened
	 */
	RowMapper<TransactionRow> rows() {
		return (rs, rowNumber) -> TransactionRow.map(rs, this.storedCsr);
	}

	Duration lease() {
		return this.lease;
	}

	/**
	 * @param row the transaction as read
	 * @return whether nobody works on it, or whoever did has died
	 */
	public boolean claimable(TransactionRow row) {
		return row.open()
				&& (row.claimToken() == null || row.claimedAt().isBefore(this.clock.instant().minus(this.lease)));
	}

	/**
	 * Claim an open transaction, unless someone else changed it since it was read.
	 * @param seen the transaction as read, claimable
	 * @param csr the request's PKCS#10 to store when the row has none yet, or null
	 * @return the claim, empty when another request or gateway won
	 */
	public Optional<Claim> takeOver(TransactionRow seen, byte[] csr) {
		UUID token = UUID.randomUUID();
		// a transaction recorded before V16 gets an id of its own when it is taken over
		UUID correlationId = (seen.correlationId() != null) ? seen.correlationId() : CorrelationIds.mint();
		String seenClaim = (seen.claimToken() != null) ? "claim_token = :seen" : "claim_token is null";
		JdbcClient.StatementSpec statement = this.jdbc.sql(TAKE_OVER + seenClaim)
			.param("token", token)
			.param("now", utc(this.clock.instant()))
			.param("csr", this.storedCsr.seal(csr), Types.BINARY)
			.param("profile", seen.profile())
			.param("transactionId", seen.transactionId())
			.param("renewalOf", (seen.renewalOf() != null) ? seen.renewalOf() : "")
			.param("attempts", seen.attempts())
			.param("correlationId", correlationId);
		if (seen.claimToken() != null) {
			statement = statement.param("seen", seen.claimToken());
		}
		return (statement.update() == 1) ? Optional.of(new Claim(seen.profile(), seen.transactionId(), token,
				seen.attempts(), seen.approvedTemplate(), seen.createdAt(), correlationId)) : Optional.empty();
	}

	/**
	 * @param giveUpBefore open transactions created (or approved) before this are
	 * returned whether due or not, so they can be closed
	 * @param limit the most rows returned
	 * @return open transactions, not claimed by a live request, that the finisher can
	 * complete now (with a stored CSR, and due) or must close; the longest waiting first
	 */
	public List<TransactionRow> due(Instant giveUpBefore, int limit) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select " + TransactionRow.COLUMNS + """
				 from transaction
				where status = 'RECEIVED' and (claim_token is null or claimed_at < :leaseCutoff)
				    and ((csr is not null and (next_attempt_at is null or next_attempt_at <= :now))
				        or coalesce(decided_at, created_at) < :giveUpBefore)
				order by next_attempt_at nulls first
				limit :limit
				""")
			.param("leaseCutoff", utc(now.minus(this.lease)))
			.param("now", utc(now))
			.param("giveUpBefore", utc(giveUpBefore))
			.param("limit", limit)
			.query(rows())
			.list();
	}

	/**
	 * The CA issued: remember the certificate for retries and polls, release the claim.
	 */
	public void issued(Claim claim, String serial, byte[] certificateDer) {
		finishAndPublish(claim,
				"status = 'ISSUED', fail_info = null, failure_reason = null, certificate_serial = :serial, "
						+ "certificate = :certificate",
				(spec) -> spec.param("serial", serial).param("certificate", certificateDer));
	}

	/**
	 * The challenge was accepted on a profile that requires approval: the transaction
	 * waits, unclaimable, until an admin decides or it expires.
	 * @param template the template to issue with once approved
	 * @param expiresAt when it is closed FAILED if nobody decided
	 */
	public void awaitApproval(Claim claim, String template, Instant expiresAt) {
		finish(claim,
				"status = 'WAITING_APPROVAL', template = :template, approval_expires_at = :expiresAt, "
						+ "failure_reason = null, next_attempt_at = null",
				(spec) -> spec.param("template", template).param("expiresAt", utc(expiresAt)));
	}

	/**
	 * A final refusal: retries and polls get the same FAILURE.
	 */
	public void failed(Claim claim, String failInfo, String reason) {
		finishAndPublish(claim, "status = 'FAILED', fail_info = :failInfo, failure_reason = :reason",
				(spec) -> spec.param("failInfo", failInfo).param("reason", reason));
	}

	/**
	 * An upstream service was unavailable (or the attempt broke): the transaction stays
	 * open, its next attempt is due after a backoff that doubles per attempt.
	 * @return when the next attempt is due
	 */
	public Instant postpone(Claim claim, String reason) {
		int attempts = claim.attempts() + 1;
		Instant next = this.clock.instant().plus(this.backoff.after(attempts));
		finish(claim, "failure_reason = :reason, attempts = :attempts, next_attempt_at = :next",
				(spec) -> spec.param("reason", reason).param("attempts", attempts).param("next", utc(next)));
		return next;
	}

	/**
	 * {@link #finish}, and in the same statement an {@code event_outbox} row for the
	 * enrollment event (issue 14: ISSUED, RENEWED or REFUSED), so that the outcome and
	 * its event are recorded together or not at all; the
	 * {@link io.keyward.gateway.event.EventRelay} sends it to the challenge-service
	 * later, off the device's request.
	 */
	private void finishAndPublish(Claim claim, String assignments, UnaryOperator<JdbcClient.StatementSpec> values) {
		List<UUID> published = values.apply(this.jdbc.sql("with done as (update transaction set " + assignments + """
				, correlation_id = coalesce(:correlationId, correlation_id), updated_at = :now,
				    claim_token = null, claimed_at = null
				where profile = :profile and transaction_id = :transactionId and claim_token = :token
				returning id, status, renewal_of)
				insert into event_outbox (id, transaction_row, type, occurred_at, next_attempt_at)
				select gen_random_uuid(), id, case when status = 'FAILED' then 'REFUSED'
				       when renewal_of is not null then 'RENEWED' else 'ISSUED' end, :now, :now from done
				returning transaction_row
				"""))
			.param("now", utc(this.clock.instant()))
			.param("profile", claim.profile())
			.param("transactionId", claim.transactionId())
			.param("token", claim.token())
			.param("correlationId", claim.correlationId(), Types.OTHER)
			.query(UUID.class)
			.list();
		if (published.size() != 1) {
			throw new IllegalStateException("the claim on the transaction was lost before its outcome was recorded");
		}
	}

	private void finish(Claim claim, String assignments, UnaryOperator<JdbcClient.StatementSpec> values) {
		int updated = values.apply(this.jdbc.sql("update transaction set " + assignments + """
				, correlation_id = coalesce(:correlationId, correlation_id), updated_at = :now,
				    claim_token = null, claimed_at = null
				where profile = :profile and transaction_id = :transactionId and claim_token = :token
				"""))
			.param("now", utc(this.clock.instant()))
			.param("profile", claim.profile())
			.param("transactionId", claim.transactionId())
			.param("token", claim.token())
			.param("correlationId", claim.correlationId(), Types.OTHER)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("the claim on the transaction was lost before its outcome was recorded");
		}
	}

	public static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
