package io.keyward.gateway.completion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.GatewayProperties;
import io.keyward.gateway.TestDevice;
import io.keyward.gateway.approval.Approvals;
import io.keyward.gateway.profile.EnrollmentProfiles;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The background finisher completes what an upstream outage left open, without any device
 * request. Driven by calling {@link TransactionFinisher#finishDue()}, with the gateway's
 * clock moved forward to make attempts due (the schedule itself is 1h in tests).
 */
class TransactionFinisherTests extends AbstractGatewayTests {

	/** Past the first backoff step (retry-interval, 1h in tests). */
	private static final Duration DUE = Duration.ofMinutes(61);

	@Autowired
	TransactionFinisher finisher;

	@Autowired
	TransactionClaims claims;

	@Autowired
	TransactionCompletion completion;

	@Autowired
	EnrollmentProfiles profiles;

	@Autowired
	GatewayProperties properties;

	@Autowired
	Approvals approvals;

	@BeforeEach
	void closeOtherTestsOpenTransactions() {
		// one database for all test classes: leave this class only its own open rows
		this.jdbc.update("update gateway.transaction set status = 'FAILED', fail_info = 'badRequest', "
				+ "failure_reason = 'closed by TransactionFinisherTests' where status = 'RECEIVED'");
	}

	@Test
	void whenCaIsBackThenFinisherIssuesAndPollGetsThatCertificate() throws Exception {
		TestDevice device = new TestDevice("finisher-ca-back");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = null;
		this.clock.advance(DUE);
		assertThat(this.finisher.finishDue()).isEqualTo(1);
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
		CertRepResponse polled = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(polled.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(SerialNumbers.key(polled.certificates().get(0).getSerialNumber())).isEqualTo(
				this.jdbc.queryForObject("select certificate_serial from gateway.transaction where transaction_id = ?",
						String.class, transactionId));
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenNextAttemptNotDueThenFinisherLeavesTransactionAlone() throws Exception {
		String transactionId = pendingEnrollment(new TestDevice("finisher-not-due"), "/scep/default");
		upstreams.caFailureStatus = null;
		assertThat(this.finisher.finishDue()).isZero();
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	void whenProfileSaysFailureThenFinisherStillCompletes() throws Exception {
		TestDevice device = new TestDevice("finisher-intune");
		String transactionId = pendingEnrollment(device, "/scep/intune");
		upstreams.caFailureStatus = null;
		this.clock.advance(DUE);
		this.finisher.finishDue();
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		CertRepResponse repeated = enroll(device, "/scep/intune", transactionId);
		assertThat(repeated.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenChallengeServiceWasUnavailableThenFinisherRedeemsAndIssues() throws Exception {
		TestDevice device = new TestDevice("finisher-challenge-back");
		String transactionId = TestDevice.newTransactionId();
		upstreams.challengeServiceDown = true;
		CertRepResponse pending = enroll(device, "/scep/default", transactionId);
		assertThat(pending.status()).isEqualTo(PkiStatus.PENDING);
		upstreams.challengeServiceDown = false;
		int redemptions = upstreams.redemptionCalls.get();
		this.clock.advance(DUE);
		this.finisher.finishDue();
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions + 1);
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenStillUnavailableThenOneProbePerRunAndNextAttemptScheduled() throws Exception {
		String first = pendingEnrollment(new TestDevice("finisher-probe-1"), "/scep/default");
		String second = pendingEnrollment(new TestDevice("finisher-probe-2"), "/scep/default");
		int redemptions = upstreams.redemptionCalls.get();
		this.clock.advance(DUE);
		this.finisher.finishDue();
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions + 1);
		assertThat(attempts(first) + attempts(second)).isEqualTo(3);
		String probed = (attempts(first) == 2) ? first : second;
		assertThat(this.jdbc
			.queryForObject("select extract(epoch from next_attempt_at - updated_at) from gateway.transaction "
					+ "where transaction_id = ?", Double.class, probed))
			.isCloseTo(Duration.ofHours(1).toSeconds(), within(1.0));
		assertThat(statusOf(first)).isEqualTo("RECEIVED");
		assertThat(statusOf(second)).isEqualTo("RECEIVED");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenOpenLongerThanMaxAgeThenClosedFailedWithoutCallingUpstream(CapturedOutput output) throws Exception {
		TestDevice device = new TestDevice("finisher-too-old");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = null;
		int redemptions = upstreams.redemptionCalls.get();
		this.clock.advance(Duration.ofHours(25));
		this.finisher.finishDue();
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.issuedFor(transactionId)).isZero();
		CertRepResponse polled = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(polled.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(polled.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(polled.failInfoText()).startsWith("gave up after 24h and 1 attempts")
			.contains("ca-adapter unavailable");
		assertThat(output.getOut()).contains("event=transaction_abandoned transactionId=" + transactionId);
	}

	@Test
	void whenCaRefusesDuringFinisherAttemptThenFailedAndNotRetried() throws Exception {
		TestDevice device = new TestDevice("finisher-refused");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = 422;
		this.clock.advance(DUE);
		assertThat(this.finisher.finishDue()).isEqualTo(1);
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		int redemptions = upstreams.redemptionCalls.get();
		this.clock.advance(Duration.ofHours(5));
		assertThat(this.finisher.finishDue()).isZero();
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		CertRepResponse polled = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(polled.failInfoText()).isEqualTo("key too small for template");
	}

	@Test
	void whenClaimOfADeadGatewayExpiredThenFinisherTakesOver() throws Exception {
		String transactionId = pendingEnrollment(new TestDevice("finisher-dead-gateway"), "/scep/default");
		upstreams.caFailureStatus = null;
		this.clock.advance(DUE);
		this.jdbc.update("update gateway.transaction set claim_token = ?, claimed_at = now() + interval '61 minutes' "
				+ "where transaction_id = ?", UUID.randomUUID(), transactionId);
		assertThat(this.finisher.finishDue()).as("claim still within its lease").isZero();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.finisher.finishDue()).isEqualTo(1);
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
	}

	@Test
	void whenTheBacklogIsLargerThanOneBatchThenOneRunFinishesAllOfIt() throws Exception {
		// after a long CA outage thousands may be open; one batch per run (every
		// retry-interval) would take hours to clear them
		List<String> transactionIds = backlogLargerThanABatch("finisher-backlog");
		upstreams.caFailureStatus = null;
		this.clock.advance(DUE);
		assertThat(this.finisher.finishDue()).isEqualTo(transactionIds.size());
		for (String transactionId : transactionIds) {
			assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
			assertThat(upstreams.issuedFor(transactionId)).as(transactionId).isEqualTo(1);
		}
	}

	@Test
	void whenTheUpstreamIsDownThenARunStopsAfterOneProbeWhateverTheBacklog() throws Exception {
		List<String> transactionIds = backlogLargerThanABatch("finisher-backlog-down");
		this.clock.advance(DUE);
		assertThat(this.finisher.finishDue()).isEqualTo(1);
		assertThat(transactionIds.stream().mapToInt(this::attempts).sum()).isEqualTo(transactionIds.size() + 1);
		assertThat(transactionIds).allSatisfy((id) -> assertThat(statusOf(id)).isEqualTo("RECEIVED"));
	}

	@Test
	void whenTwoGatewaysFinishAtOnceThenEachTransactionIssuedOnce() throws Exception {
		List<String> transactionIds = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			transactionIds.add(pendingEnrollment(new TestDevice("finisher-race-" + i), "/scep/default"));
		}
		upstreams.caFailureStatus = null;
		this.clock.advance(DUE);
		TransactionFinisher other = new TransactionFinisher(this.claims, this.completion, this.profiles, this.clock,
				this.properties, this.approvals);
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		int claimed = 0;
		try {
			List<Callable<Integer>> runs = List.of(() -> {
				start.await();
				return this.finisher.finishDue();
			}, () -> {
				start.await();
				return other.finishDue();
			});
			for (Future<Integer> run : pool.invokeAll(runs)) {
				claimed += run.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(claimed).isEqualTo(6);
		for (String transactionId : transactionIds) {
			assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
			assertThat(upstreams.issuedFor(transactionId)).as(transactionId).isEqualTo(1);
		}
	}

	private List<String> backlogLargerThanABatch(String deviceName) throws Exception {
		TestDevice device = new TestDevice(deviceName);
		List<String> transactionIds = new ArrayList<>();
		for (int i = 0; i < TransactionFinisher.BATCH_SIZE + 7; i++) {
			transactionIds.add(pendingEnrollment(device, "/scep/default"));
		}
		return transactionIds;
	}

	private int attempts(String transactionId) {
		Integer attempts = this.jdbc.queryForObject("select attempts from gateway.transaction where transaction_id = ?",
				Integer.class, transactionId);
		return (attempts != null) ? attempts : 0;
	}

}
