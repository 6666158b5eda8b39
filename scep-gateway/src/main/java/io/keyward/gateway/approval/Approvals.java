package io.keyward.gateway.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.keyward.api.gateway.ApprovalDecision;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.gateway.transaction.TransactionHistory;
import io.keyward.gateway.transaction.TransactionRow;
import io.keyward.gateway.transaction.TransactionStatus;
import io.keyward.edge.problem.InvalidRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decisions on transactions that wait for an admin's approval
 * ({@link io.keyward.gateway.profile.Approval#REQUIRED}). Each decision is one
 * conditional statement on a row still WAITING_APPROVAL and not expired, so two admins
 * deciding at once, or a decision racing the expiry, change it only once.
 * <p>
 * An approval does not call the CA itself: it returns the transaction to RECEIVED, due at
 * once, and the finisher (every {@code retry-interval}) or the device's next CertPoll
 * completes it under a claim, like any open transaction. An admin's click thus never
 * waits on the ca-adapter, and a CA outage at that moment is retried with the usual
 * backoff instead of losing the approval.
 */
@Component
public class Approvals {

	/** failInfoText of a request nobody approved in time. */
	public static final String EXPIRED = "approval expired";

	/**
	 * failInfoText of a rejected request; the admin's comment is not sent to the device.
	 */
	public static final String REJECTED = "request rejected";

	private static final Logger log = LoggerFactory.getLogger(Approvals.class);

	private static final int MAX_NAME = 200;

	private static final int MAX_COMMENT = 2000;

	private final JdbcClient jdbc;

	private final TransactionHistory transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	Approvals(JdbcClient jdbc, TransactionHistory transactions, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("keyward.gateway.approvals.pending", this, Approvals::pending)
			.description("transactions waiting for an admin's approval")
			.register(meters);
	}

	/**
	 * Approve: the transaction is open again and its certificate is issued by the
	 * finisher or on the device's next poll.
	 */
	public EnrollmentTransaction approve(UUID id, ApprovalDecision decision) {
		return decide(id, decision, TransactionRow.APPROVED,
				"status = 'RECEIVED', next_attempt_at = null, failure_reason = null");
	}

	/**
	 * Reject: closed FAILED (badRequest), the device's next poll gets FAILURE.
	 */
	public EnrollmentTransaction reject(UUID id, ApprovalDecision decision) {
		return decide(id, decision, TransactionRow.REJECTED,
				"status = 'FAILED', fail_info = 'badRequest', failure_reason = '" + REJECTED + "'");
	}

	private EnrollmentTransaction decide(UUID id, ApprovalDecision decision, String outcome, String assignments) {
		check(decision);
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql("update transaction set " + assignments + """
				, decision = :decision, decided_by = :decidedBy, decided_at = :now, decision_comment = :comment,
				    updated_at = :now
				where id = :id and status = 'WAITING_APPROVAL' and approval_expires_at > :now
				""")
			.param("decision", outcome)
			.param("decidedBy", decision.decidedBy().strip())
			.param("now", TransactionClaims.utc(now))
			.param("comment", decision.comment())
			.param("id", id)
			.update();
		if (updated == 0) {
			EnrollmentTransaction found = this.transactions.byId(id).orElseThrow(() -> new TransactionNotFound(id));
			if (found.status().equals(TransactionStatus.WAITING_APPROVAL.name()) && expireDue() > 0) {
				throw new NotWaitingForApproval(id, "the transaction's approval expired");
			}
			throw new NotWaitingForApproval(id, "the transaction is " + found.status() + ", not WAITING_APPROVAL");
		}
		EnrollmentTransaction decided = this.transactions.byId(id).orElseThrow(() -> new TransactionNotFound(id));
		this.meters.counter("keyward.gateway.approval.decisions", "decision", outcome.toLowerCase(Locale.ROOT))
			.increment();
		log.info("event=approval_decided transactionId={} profile={} decision={} decidedBy=\"{}\"",
				LogText.printable(decided.transactionId()), decided.profile(), outcome,
				LogText.printable(decision.decidedBy()));
		return decided;
	}

	private static void check(ApprovalDecision decision) {
		if (decision == null || decision.decidedBy() == null || decision.decidedBy().isBlank()) {
			throw new InvalidRequest("decidedBy is required");
		}
		if (decision.decidedBy().length() > MAX_NAME) {
			throw new InvalidRequest("decidedBy must be at most " + MAX_NAME + " characters");
		}
		if (decision.comment() != null && decision.comment().length() > MAX_COMMENT) {
			throw new InvalidRequest("comment must be at most " + MAX_COMMENT + " characters");
		}
	}

	/**
	 * Close every transaction whose approval expired undecided: FAILED badRequest.
	 * @return how many were closed
	 */
	public int expireDue() {
		Instant now = this.clock.instant();
		List<String> expired = this.jdbc.sql("""
				update transaction set status = 'FAILED', fail_info = 'badRequest', failure_reason = :reason,
				    updated_at = :now
				where status = 'WAITING_APPROVAL' and approval_expires_at <= :now
				returning transaction_id
				""").param("reason", EXPIRED).param("now", TransactionClaims.utc(now)).query(String.class).list();
		for (String transactionId : expired) {
			log.info("event=approval_expired transactionId={}", LogText.printable(transactionId));
		}
		if (!expired.isEmpty()) {
			this.meters.counter("keyward.gateway.approval.decisions", "decision", "expired").increment(expired.size());
		}
		return expired.size();
	}

	/**
	 * @param row a transaction as read
	 * @return whether it waited for approval past its expiry (it is closed now)
	 */
	public boolean expired(TransactionRow row) {
		if (row.status() != TransactionStatus.WAITING_APPROVAL
				|| row.approvalExpiresAt().isAfter(this.clock.instant())) {
			return false;
		}
		expireDue();
		return true;
	}

	private double pending() {
		Long count = this.jdbc.sql("select count(*) from transaction where status = 'WAITING_APPROVAL'")
			.query(Long.class)
			.single();
		return (count != null) ? count : 0;
	}

}
