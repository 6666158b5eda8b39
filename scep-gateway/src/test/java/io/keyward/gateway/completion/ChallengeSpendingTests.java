package io.keyward.gateway.completion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13: a CSR the CA refuses never costs the device its challenge, the challenge's
 * binding goes to the CA, and the challenge-service is told when the device's request
 * arrived. Issue 15: on a profile that issues at once that takes two upstream calls
 * (redeem, issue) and a third only for a refusal (release).
 */
class ChallengeSpendingTests extends AbstractGatewayTests {

	private static final String SID = "S-1-5-21-3623811015-3361044348-30300820-1013";

	@Autowired
	TransactionFinisher finisher;

	@Test
	void whenTheTemplateRefusesTheKeyThenBadAlgAndTheRedeemedChallengeIsGivenBack() throws Exception {
		TestDevice device = new TestDevice("policy-refused");
		upstreams.policyRefusal = "badAlg";
		upstreams.policyRefusalDetail = "the CSR's RSA key has 1024 bits; template 'device' requires at least 2048";
		String refusedTransaction = TestDevice.newTransactionId();

		CertRepResponse refused = enroll(device, "/scep/default", refusedTransaction);

		assertThat(refused.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_ALG);
		assertThat(refused.failInfoText()).contains("1024 bits");
		assertThat(statusOf(refusedTransaction)).isEqualTo("FAILED");
		assertThat(upstreams.releases.get(refusedTransaction)).satisfies((release) -> {
			assertThat(release.challenge()).isEqualTo(FakeUpstreams.GOOD_CHALLENGE);
			assertThat(release.profile()).isEqualTo("default");
			assertThat(release.publicKeySha256()).isNotBlank();
			assertThat(release.reason()).contains("1024 bits");
		});
		// the corrected request spends the same challenge, in two calls: redeem and issue
		upstreams.policyRefusal = null;
		int previews = upstreams.previewCalls.get();
		int redemptions = upstreams.redemptionCalls.get();
		String transactionId = TestDevice.newTransactionId();
		assertThat(enroll(device, "/scep/default", transactionId).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions + 1);
		assertThat(upstreams.previewCalls.get()).isEqualTo(previews);
		assertThat(upstreams.policyChecks).doesNotContainKey(transactionId);
		assertThat(upstreams.releases).doesNotContainKey(transactionId);
		assertThat(upstreams.issueRequests.get(transactionId).template()).isEqualTo("device");
	}

	@Test
	void whenTheReleaseCannotBeMadeThenTheDeviceWaitsAndTheFinisherRefusesOnceItIsMade() throws Exception {
		upstreams.policyRefusal = "badRequest";
		upstreams.policyRefusalDetail = "template 'device' does not allow upn SANs";
		upstreams.releaseDown = true;
		String transactionId = TestDevice.newTransactionId();

		assertThat(enroll(new TestDevice("release-down"), "/scep/default", transactionId).status())
			.isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isNotEqualTo("FAILED");

		upstreams.releaseDown = false;
		this.clock.advance(Duration.ofHours(2));
		this.finisher.finishDue();

		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(upstreams.releases).containsKey(transactionId);
	}

	@Test
	void whenAProfileWaitsForApprovalThenThePolicyIsAskedBeforeTheChallengeIsSpent() throws Exception {
		upstreams.policyRefusal = "badAlg";
		upstreams.policyRefusalDetail = "the CSR's RSA key has 1024 bits";
		int redemptions = upstreams.redemptionCalls.get();
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse refused = enroll(new TestDevice("approval-refused"), "/scep/approved", transactionId);

		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_ALG);
		assertThat(upstreams.policyChecks.get(transactionId)).hasSize(1);
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.releases).doesNotContainKey(transactionId);
	}

	@Test
	void whenTheChallengeServiceSaysNeverPendingOnAProfileThatWaitsForApprovalThenRefusedBeforeRedeeming()
			throws Exception {
		upstreams.previews = (request) -> RedemptionResult.accepted("device").withNeverPending();
		int redemptions = upstreams.redemptionCalls.get();
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse refused = enroll(new TestDevice("intune-approval"), "/scep/approved", transactionId);

		assertThat(refused.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(refused.failInfoText()).contains("must not wait");
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		// a profile that issues at once is not affected
		assertThat(enroll(new TestDevice("intune-direct"), "/scep/default", TestDevice.newTransactionId()).status())
			.isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenANameIsRefusedThenBadRequest() throws Exception {
		upstreams.policyRefusal = "badRequest";
		upstreams.policyRefusalDetail = "template 'device' does not allow upn SANs";

		CertRepResponse refused = enroll(new TestDevice("name-refused"), "/scep/default",
				TestDevice.newTransactionId());

		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(refused.failInfoText()).isEqualTo("template 'device' does not allow upn SANs");
	}

	@Test
	void whenTheChallengeIsRejectedThenTheCaIsNotAskedAndNothingIsReleased() throws Exception {
		String transactionId = TestDevice.newTransactionId();
		TestDevice device = new TestDevice("redemption-rejected");

		CertRepResponse refused = device.read(
				pkiOperation("/scep/default",
						device.pkcsReq(device.csr("WRONGCHALLENGE"), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());

		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(upstreams.policyChecks).doesNotContainKey(transactionId);
		assertThat(upstreams.issueRequests).doesNotContainKey(transactionId);
		assertThat(upstreams.releases).doesNotContainKey(transactionId);
	}

	@Test
	void whenTheChallengeIsBoundThenTheCaGetsTheBinding() throws Exception {
		upstreams.redemptions = (request) -> RedemptionResult.accepted("windows-user", new ChallengeBinding(SID));
		String transactionId = TestDevice.newTransactionId();

		assertThat(enroll(new TestDevice("bound"), "/scep/default", transactionId).status())
			.isEqualTo(PkiStatus.SUCCESS);

		assertThat(upstreams.issueRequests.get(transactionId).binding()).isEqualTo(new ChallengeBinding(SID));
		assertThat(upstreams.issueRequests.get(transactionId).template()).isEqualTo("windows-user");
	}

	@Test
	void whenAnOutageOutlastsTheChallengeThenTheRedemptionNamesTheOriginalArrival() throws Exception {
		List<Instant> arrivals = new CopyOnWriteArrayList<>();
		upstreams.redemptions = (request) -> {
			arrivals.add(request.arrivedAt());
			return FakeUpstreams.GOOD_CHALLENGE.equals(request.challenge()) ? RedemptionResult.accepted("device")
					: RedemptionResult.rejected("unknown");
		};
		Instant arrived = this.clock.instant();
		String transactionId = TestDevice.newTransactionId();
		upstreams.challengeServiceDown = true;
		assertThat(enroll(new TestDevice("outage"), "/scep/default", transactionId).status())
			.isEqualTo(PkiStatus.PENDING);
		upstreams.challengeServiceDown = false;
		// longer than a challenge's validity (NDES: 60 minutes)
		this.clock.advance(Duration.ofHours(3));

		this.finisher.finishDue();

		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(arrivals).isNotEmpty()
			.allSatisfy((arrival) -> assertThat(arrival).isCloseTo(arrived, within(Duration.ofSeconds(5))));
	}

}
