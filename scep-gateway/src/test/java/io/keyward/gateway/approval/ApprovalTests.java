package io.keyward.gateway.approval;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.gateway.completion.TransactionFinisher;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile that requires approval ({@code keyward.gateway.profiles.approved}) through
 * real HTTP: PENDING and CertPoll (RFC 8894 sections 3.3.2.3 and 3.3.3) on the SCEP side,
 * approve and reject on the service-token API.
 */
class ApprovalTests extends AbstractGatewayTests {

	private static final String PROFILE = "/scep/approved";

	@Autowired
	TransactionFinisher finisher;

	@Autowired
	MeterRegistry meters;

	@Test
	void whenProfileRequiresApprovalThenPendingChallengeRedeemedAndNothingIssued() throws Exception {
		TestDevice device = new TestDevice("approval-wait");
		String transactionId = TestDevice.newTransactionId();
		int redemptions = upstreams.redemptionCalls.get();
		CertRepResponse answer = enroll(device, PROFILE, transactionId);
		assertThat(answer.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("WAITING_APPROVAL");
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions + 1);
		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.PENDING);
		this.clock.advance(Duration.ofDays(3));
		this.finisher.finishDue();
		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.PENDING);
		assertThat(upstreams.issuedFor(transactionId)).isZero();
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions + 1);
		assertThat(this.meters.get("keyward.gateway.approvals.pending").gauge().value()).isPositive();
	}

	@Test
	void whenApprovedThenTheNextPollGetsTheCertificateWithoutAnotherRedemption() throws Exception {
		TestDevice device = new TestDevice("approval-poll");
		String transactionId = waiting(device);
		int redemptions = upstreams.redemptionCalls.get();
		HttpResponse<String> approved = decide(idOf(transactionId), "approve",
				"{\"decidedBy\":\"alice\",\"comment\":\"known device\"}");
		assertThat(approved.statusCode()).isEqualTo(200);
		assertThat(approved.body()).contains("\"status\":\"RECEIVED\"")
			.contains("\"decidedBy\":\"alice\"")
			.contains("\"decisionComment\":\"known device\"")
			.contains("\"id\":\"" + idOf(transactionId) + "\"")
			.containsPattern("\"decidedAt\":\"20");
		CertRepResponse certRep = pollApproved(device, transactionId);
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(certRep.certificates().get(0).getPublicKey()).isEqualTo(device.keyPair().getPublic());
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
		// the challenge was redeemed when the request arrived, and is not asked again
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.issuedWithTemplate("device")).isPositive();
	}

	@Test
	void whenApprovedAfterDaysThenTheFinisherIssuesItAlthoughOlderThanPendingMaxAge() throws Exception {
		TestDevice device = new TestDevice("approval-finisher");
		String transactionId = waiting(device);
		this.clock.advance(Duration.ofDays(5));
		assertThat(decide(idOf(transactionId), "approve", "{\"decidedBy\":\"bob\"}").statusCode()).isEqualTo(200);
		this.finisher.finishDue();
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenApprovedWhileTheCaIsDownThenStillOpenAndIssuedOnceItIsBack() throws Exception {
		TestDevice device = new TestDevice("approval-ca-down");
		String transactionId = waiting(device);
		upstreams.caFailureStatus = 503;
		decide(idOf(transactionId), "approve", "{\"decidedBy\":\"carol\"}");
		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		upstreams.caFailureStatus = null;
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenRejectedThenThePollGetsFailureBadRequestAndNothingIsIssued() throws Exception {
		TestDevice device = new TestDevice("approval-reject");
		String transactionId = waiting(device);
		HttpResponse<String> rejected = decide(idOf(transactionId), "reject",
				"{\"decidedBy\":\"dave\",\"comment\":\"not ours\"}");
		assertThat(rejected.statusCode()).isEqualTo(200);
		assertThat(rejected.body()).contains("\"status\":\"FAILED\"").contains("\"decidedBy\":\"dave\"");
		CertRepResponse certRep = pollApproved(device, transactionId);
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(certRep.failInfoText()).isEqualTo(Approvals.REJECTED);
		this.finisher.finishDue();
		assertThat(upstreams.issuedFor(transactionId)).isZero();
		// a repeated PKCSReq gets the same answer
		assertThat(enroll(device, PROFILE, transactionId).status()).isEqualTo(PkiStatus.FAILURE);
	}

	@Test
	void whenNobodyDecidesBeforeTheExpiryThenFailureBadRequestAndTooLateToApprove() throws Exception {
		TestDevice device = new TestDevice("approval-expiry");
		String transactionId = waiting(device);
		this.clock.advance(Duration.ofDays(7).plusMinutes(1));
		CertRepResponse certRep = pollApproved(device, transactionId);
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(certRep.failInfoText()).isEqualTo(Approvals.EXPIRED);
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(decide(idOf(transactionId), "approve", "{\"decidedBy\":\"erin\"}").statusCode()).isEqualTo(409);
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	void whenTheExpiryPassesUnpolledThenTheFinisherClosesIt() throws Exception {
		String transactionId = waiting(new TestDevice("approval-expiry-finisher"));
		this.clock.advance(Duration.ofDays(8));
		this.finisher.finishDue();
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(this.jdbc.queryForObject("select failure_reason from gateway.transaction where transaction_id = ?",
				String.class, transactionId))
			.isEqualTo(Approvals.EXPIRED);
	}

	@Test
	void whenDecidedTwiceOrNotWaitingThen409ProblemAndTheFirstDecisionStands() throws Exception {
		String transactionId = waiting(new TestDevice("approval-twice"));
		assertThat(decide(idOf(transactionId), "reject", "{\"decidedBy\":\"frank\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> again = decide(idOf(transactionId), "approve", "{\"decidedBy\":\"grace\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		String issued = TestDevice.newTransactionId();
		enroll(new TestDevice("approval-not-needed"), "/scep/default", issued);
		assertThat(decide(idOf(issued), "approve", "{\"decidedBy\":\"grace\"}").statusCode()).isEqualTo(409);
	}

	@Test
	void whenIdUnknownThen404AndWhenDecidedByMissingThen400AndWithoutTokenThen401() throws Exception {
		assertThat(decide("7d0c8f5e-0000-4000-8000-000000000000", "approve", "{\"decidedBy\":\"x\"}").statusCode())
			.isEqualTo(404);
		assertThat(decide("not-a-uuid", "reject", "{\"decidedBy\":\"x\"}").statusCode()).isEqualTo(404);
		String transactionId = waiting(new TestDevice("approval-bad-input"));
		HttpResponse<String> blank = decide(idOf(transactionId), "approve", "{\"decidedBy\":\" \"}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(decide(idOf(transactionId), "approve", "not json").statusCode()).isEqualTo(400);
		HttpResponse<String> anonymous = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/transactions/" + idOf(transactionId) + "/approve"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"decidedBy\":\"mallory\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(statusOf(transactionId)).isEqualTo("WAITING_APPROVAL");
	}

	@Test
	void whenListedByStatusThenOnlyWaitingTransactions() throws Exception {
		String transactionId = waiting(new TestDevice("approval-listed"));
		enroll(new TestDevice("approval-listed-issued"), "/scep/default", TestDevice.newTransactionId());
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/transactions?status=WAITING_APPROVAL&page=0&size=500"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.doesNotContain("\"status\":\"ISSUED\"");
		HttpResponse<String> unknown = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/transactions?status=PENDINGISH"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(unknown.statusCode()).isEqualTo(400);
	}

	/** A PKCSReq with a good challenge on the approval profile, now waiting. */
	@Test
	void whenABoundChallengeIsApprovedThenTheCaGetsItsBinding() throws Exception {
		ChallengeBinding bound = new ChallengeBinding("S-1-5-21-3623811015-3361044348-30300820-1013");
		upstreams.redemptions = (request) -> RedemptionResult.accepted("device", bound);
		TestDevice device = new TestDevice("approval-bound");
		String transactionId = waiting(device);

		assertThat(decide(idOf(transactionId), "approve", "{\"decidedBy\":\"alice\"}").statusCode()).isEqualTo(200);

		assertThat(pollApproved(device, transactionId).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.issueRequests.get(transactionId).binding()).isEqualTo(bound);
	}

	private String waiting(TestDevice device) throws Exception {
		String transactionId = TestDevice.newTransactionId();
		assertThat(enroll(device, PROFILE, transactionId).status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("WAITING_APPROVAL");
		return transactionId;
	}

	private CertRepResponse pollApproved(TestDevice device, String transactionId) throws Exception {
		return device.read(
				pkiOperation(PROFILE,
						device.certPoll(upstreams.ca.certificate(), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
	}

	private String idOf(String transactionId) {
		return this.jdbc.queryForObject("select id::text from gateway.transaction where transaction_id = ?",
				String.class, transactionId);
	}

	private HttpResponse<String> decide(String id, String action, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/api/v1/transactions/" + id + "/" + action))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
