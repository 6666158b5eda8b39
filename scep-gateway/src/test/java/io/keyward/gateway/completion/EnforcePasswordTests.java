package io.keyward.gateway.completion;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NDES's {@code EnforcePassword} 0 as the profile {@code open}
 * ({@code enforce-password: false}): no challenge is needed nor looked at, the template's
 * policy still decides.
 */
class EnforcePasswordTests extends AbstractGatewayTests {

	@Test
	void whenTheProfileEnforcesNoPasswordThenARequestWithoutChallengeIsIssuedUnderItsTemplate() throws Exception {
		int previews = upstreams.previewCalls.get();
		int redemptions = upstreams.redemptionCalls.get();
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse issued = send(new TestDevice("open-1"), null, transactionId);

		assertThat(issued.status()).isEqualTo(PkiStatus.SUCCESS);
		// the issue call applies the template's policy: no separate check on the way
		assertThat(upstreams.policyChecks).doesNotContainKey(transactionId);
		assertThat(upstreams.issueRequests.get(transactionId).template()).isEqualTo("open-network");
		assertThat(upstreams.previewCalls.get()).isEqualTo(previews);
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
	}

	@Test
	void whenADeviceSendsAChallengeAnywayThenItIsNotLookedAt() throws Exception {
		int redemptions = upstreams.redemptionCalls.get();
		CertRepResponse issued = send(new TestDevice("open-2"), "NOT-A-KNOWN-CHALLENGE", TestDevice.newTransactionId());
		assertThat(issued.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
	}

	@Test
	void whenTheTemplateRefusesTheCsrThenFailureAsOnAnyProfile() throws Exception {
		upstreams.policyRefusal = "badAlg";
		upstreams.policyRefusalDetail = "the CSR's RSA key has 1024 bits";
		CertRepResponse refused = send(new TestDevice("open-3"), null, TestDevice.newTransactionId());
		assertThat(refused.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_ALG);
	}

	@Test
	void whenAnEnforcingProfileGetsNoChallengeThenBadRequest() throws Exception {
		CertRepResponse refused = send(new TestDevice("closed-1"), null, TestDevice.newTransactionId(),
				"/scep/default");
		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(refused.failInfoText()).isEqualTo("challengePassword missing");
	}

	private CertRepResponse send(TestDevice device, String challenge, String transactionId) throws Exception {
		return send(device, challenge, transactionId, "/scep/open");
	}

	private CertRepResponse send(TestDevice device, String challenge, String transactionId, String path)
			throws Exception {
		return device.read(
				pkiOperation(path, device.pkcsReq(device.csr(challenge), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
	}

}
