package io.keyward.gateway.completion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.GatewayProperties;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.approval.Approvals;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.EnrollmentProfiles;
import io.keyward.gateway.transaction.Claim;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.gateway.transaction.TransactionRow;
import io.keyward.scep.FailInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes the transactions an upstream outage left open, without waiting for the device
 * to come back: a device told PENDING may poll only a few times (Apple: {@code Retries}),
 * one told FAILURE may never retry, and its challenge is already redeemed. Every gateway
 * on the database runs this; the claim's compare-and-set lets only one of them (or the
 * device's own retry) work on a transaction at a time, and the CA is asked again only for
 * a transaction no one has recorded an outcome for.
 */
@Component
public class TransactionFinisher {

	private static final Logger log = LoggerFactory.getLogger(TransactionFinisher.class);

	/**
	 * Transactions read per query; a run reads the next batch while the last one was full
	 * and the upstream services answered.
	 */
	static final int BATCH_SIZE = 50;

	private final TransactionClaims claims;

	private final TransactionCompletion completion;

	private final EnrollmentProfiles profiles;

	private final Clock clock;

	private final Duration maxAge;

	private final Approvals approvals;

	TransactionFinisher(TransactionClaims claims, TransactionCompletion completion, EnrollmentProfiles profiles,
			Clock clock, GatewayProperties properties, Approvals approvals) {
		this.approvals = approvals;
		this.claims = claims;
		this.completion = completion;
		this.profiles = profiles;
		this.clock = clock;
		this.maxAge = properties.pendingMaxAge();
	}

	/**
	 * One run: close what waited for approval too long and what is too old, complete what
	 * is due, batch after batch until none is left (a backlog after a long outage is
	 * worked off in one run, not one batch per retry interval). Once an attempt finds a
	 * service unavailable the run stops attempting, so an outage costs one probe per run
	 * rather than a timeout per waiting transaction.
	 * @return how many transactions this run claimed
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.retry-interval:10s}",
			initialDelayString = "${keyward.gateway.retry-interval:10s}")
	public int finishDue() {
		this.approvals.expireDue();
		Instant giveUpBefore = this.clock.instant().minus(this.maxAge);
		Run run = new Run();
		List<TransactionRow> batch;
		int claimedBefore;
		do {
			claimedBefore = run.claimed;
			batch = this.claims.due(giveUpBefore, BATCH_SIZE);
			for (TransactionRow row : batch) {
				finish(row, giveUpBefore, run);
			}
			// a claimed row is not due again within its lease, so each full batch that
			// claimed something brings the run closer to the end of the backlog
		}
		while (batch.size() == BATCH_SIZE && !run.upstreamDown && run.claimed > claimedBefore);
		return run.claimed;
	}

	private void finish(TransactionRow row, Instant giveUpBefore, Run run) {
		boolean tooOld = row.openSince().isBefore(giveUpBefore);
		if (run.upstreamDown && !tooOld) {
			return;
		}
		Optional<Claim> claim = this.claims.takeOver(row, null);
		if (claim.isEmpty()) {
			// another gateway, or the device's own request, got there first
			return;
		}
		run.claimed++;
		try {
			run.upstreamDown |= tooOld ? abandon(claim.get(), row) : complete(claim.get(), row);
		}
		catch (RuntimeException ex) {
			log.warn("event=transaction_completion_error transactionId={} profile={} error={}",
					LogText.printable(row.transactionId()), row.profile(), ex.toString());
		}
		finally {
			MDC.remove(CorrelationIds.MDC_KEY);
		}
	}

	private boolean complete(Claim claim, TransactionRow row) {
		Optional<EnrollmentProfile> profile = this.profiles.find(row.profile());
		if (profile.isEmpty()) {
			return abandon(claim, row, "profile " + row.profile() + " is no longer configured");
		}
		Completion outcome = this.completion.complete(claim, profile.get(), row.pkcs10(), row.renewalOf());
		switch (outcome) {
			case Completion.Issued issued ->
				log.info("event=transaction_completed transactionId={} profile={} status=ISSUED serial={} attempts={}",
						LogText.printable(row.transactionId()), row.profile(), SerialNumbers.hex(issued.serial()),
						row.attempts());
			case Completion.Refused refused -> log.info(
					"event=transaction_completed transactionId={} profile={} status=FAILED failInfo={} "
							+ "reason=\"{}\" attempts={}",
					LogText.printable(row.transactionId()), row.profile(), refused.failInfo().rfcName(),
					LogText.printable(refused.reason()), row.attempts());
			case Completion.AwaitingApproval waiting -> {
				// logged as approval_requested where it was recorded
			}
			case Completion.Unavailable unavailable -> {
				// logged as transaction_retry_scheduled where it was recorded
			}
		}
		return outcome instanceof Completion.Unavailable;
	}

	private boolean abandon(Claim claim, TransactionRow row) {
		String age = this.maxAge.toString().substring(2).toLowerCase(Locale.ROOT);
		String last = (row.failureReason() != null) ? ", last: " + row.failureReason() : "";
		return abandon(claim, row, "gave up after " + age + " and " + row.attempts() + " attempts" + last);
	}

	private boolean abandon(Claim claim, TransactionRow row, String reason) {
		this.claims.failed(claim, FailInfo.BAD_REQUEST.rfcName(), reason);
		log.warn("event=transaction_abandoned transactionId={} profile={} attempts={} reason=\"{}\"",
				LogText.printable(row.transactionId()), row.profile(), row.attempts(), LogText.printable(reason));
		return false;
	}

	/** What one run has done so far. */
	private static final class Run {

		int claimed;

		boolean upstreamDown;

	}

}
