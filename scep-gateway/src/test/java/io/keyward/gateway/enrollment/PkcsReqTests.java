package io.keyward.gateway.enrollment;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keyward.api.SerialNumbers;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PKCSReq through real HTTP, the project's client-side encoder and the fake upstreams.
 */
class PkcsReqTests extends AbstractGatewayTests {

	@Test
	void whenPkcsReqPostedToProfileThenSuccessWithIssuedCertificate() throws Exception {
		TestDevice device = new TestDevice("post-profile");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
				transactionId);
		CertRepResponse certRep = device.read(pkiOperation("/scep/default", message), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(certRep.transactionId()).isEqualTo(transactionId);
		X509Certificate issued = certRep.certificates().get(0);
		assertThat(issued.getPublicKey()).isEqualTo(device.keyPair().getPublic());
		assertThat(issued.getIssuerX500Principal()).isEqualTo(upstreams.ca.certificate().getSubjectX500Principal());
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(
				this.jdbc.queryForObject("select certificate_serial from gateway.transaction where transaction_id = ?",
						String.class, transactionId))
			.isEqualTo(SerialNumbers.key(issued.getSerialNumber()));
	}

	@Test
	void whenPkcsReqPostedToNdesPathThenSuccess() throws Exception {
		TestDevice device = new TestDevice("ndes-path");
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
				TestDevice.newTransactionId(), CMSAlgorithm.DES_EDE3_CBC, "SHA-512");
		CertRepResponse certRep = device.read(pkiOperation("/certsrv/mscep/mscep.dll/pkiclient.exe", message),
				ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenChallengeRejectedThenFailureBadRequestRecordedFailed() throws Exception {
		TestDevice device = new TestDevice("rejected");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr("WRONGCHALLENGE"), ra().encryptionCertificate(), transactionId);
		CertRepResponse certRep = device.read(pkiOperation("/scep/default", message), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(certRep.failInfoText()).isEqualTo("unknown or expired challenge");
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenEnrollmentEndsThenOutcomeLoggedOnceWithTransactionId(CapturedOutput output) throws Exception {
		TestDevice device = new TestDevice("logged");
		String issuedId = TestDevice.newTransactionId();
		String deniedId = TestDevice.newTransactionId();
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), issuedId));
		pkiOperation("/scep/default", device.pkcsReq(device.csr("WRONG"), ra().encryptionCertificate(), deniedId));
		assertThat(output.getOut().lines().filter((line) -> line.contains(issuedId))).singleElement()
			.asString()
			.contains("event=enrollment_issued");
		assertThat(output.getOut().lines().filter((line) -> line.contains(deniedId))).singleElement()
			.asString()
			.contains("event=enrollment_denied")
			.contains("failInfo=badRequest")
			.contains("reason=\"unknown or expired challenge\"");
	}

	@Test
	void whenChallengeMissingThenFailureBadRequestAndNothingRecorded() throws Exception {
		TestDevice device = new TestDevice("no-challenge");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr(null), ra().encryptionCertificate(), transactionId);
		CertRepResponse certRep = device.read(pkiOperation("/scep/default", message), ra().signingCertificate());
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(certRep.failInfoText()).contains("challengePassword");
		assertThat(rowsFor(transactionId)).isZero();
	}

	@Test
	void whenRetriedWithSameCsrThenSameCertificateAndCaCalledOnce() throws Exception {
		TestDevice device = new TestDevice("retry");
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr(FakeUpstreams.GOOD_CHALLENGE);
		CertRepResponse first = device.read(
				pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		CertRepResponse second = device.read(
				pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(second.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(second.certificates().get(0).getSerialNumber())
			.isEqualTo(first.certificates().get(0).getSerialNumber());
		assertThat(second.recipientNonce()).isNotEqualTo(first.recipientNonce());
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenSameRequestsArriveConcurrentlyThenIssuedOnce() throws Exception {
		TestDevice device = new TestDevice("concurrent");
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr(FakeUpstreams.GOOD_CHALLENGE);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Callable<BigInteger>> calls = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				byte[] message = device.pkcsReq(csr, ra().encryptionCertificate(), transactionId);
				calls.add(() -> device.read(pkiOperation("/scep/default", message), ra().signingCertificate())
					.certificates()
					.get(0)
					.getSerialNumber());
			}
			List<BigInteger> serials = new ArrayList<>();
			for (Future<BigInteger> result : pool.invokeAll(calls)) {
				serials.add(result.get());
			}
			assertThat(serials).hasSize(3).containsOnly(serials.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenRetriedAfterRefusalThenSameFailure() throws Exception {
		TestDevice device = new TestDevice("refused-twice");
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr("WRONGCHALLENGE");
		device.read(pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		int redemptions = upstreams.redemptionCalls.get();
		CertRepResponse again = device.read(
				pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(again.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(again.failInfoText()).isEqualTo("unknown or expired challenge");
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
	}

	@Test
	void whenTransactionIdReusedWithAnotherCsrThenFailureBadRequest() throws Exception {
		TestDevice device = new TestDevice("reuse");
		TestDevice other = new TestDevice("reuse-other");
		String transactionId = TestDevice.newTransactionId();
		enroll(device, "/scep/default", transactionId);
		CertRepResponse certRep = other.read(pkiOperation("/scep/default",
				other.pkcsReq(other.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenCaUnavailableThenPendingWithCsrStoredAndRetrySucceeds() throws Exception {
		TestDevice device = new TestDevice("ca-down");
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr(FakeUpstreams.GOOD_CHALLENGE);
		upstreams.caFailureStatus = 503;
		CertRepResponse pending = device.read(
				pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(pending.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(pending.failInfo()).isNull();
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		Map<String, Object> row = this.jdbc.queryForMap("select csr, attempts, next_attempt_at, failure_reason, "
				+ "claim_token from gateway.transaction where transaction_id = ?", transactionId);
		assertThat((byte[]) row.get("csr")).as("stored sealed, never in clear (issue 13)")
			.isNotEqualTo(csr.getEncoded())
			.isNotEmpty();
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("next_attempt_at")).isNotNull();
		assertThat(row.get("failure_reason")).isEqualTo("ca-adapter unavailable: HTTP 503");
		assertThat(row.get("claim_token")).isNull();
		upstreams.caFailureStatus = null;
		CertRepResponse retried = device.read(
				pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(retried.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenChallengeServiceUnavailableThenPending() throws Exception {
		TestDevice device = new TestDevice("challenge-down");
		String transactionId = TestDevice.newTransactionId();
		upstreams.challengeServiceDown = true;
		CertRepResponse pending = enroll(device, "/scep/default", transactionId);
		assertThat(pending.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	void whenProfileSaysFailureAndCaUnavailableThenRetryableFailureAndTransactionOpen() throws Exception {
		TestDevice device = new TestDevice("intune-ca-down");
		String transactionId = TestDevice.newTransactionId();
		upstreams.caFailureStatus = 503;
		CertRepResponse failed = enroll(device, "/scep/intune", transactionId);
		assertThat(failed.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(failed.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(failed.failInfoText()).isEqualTo("service unavailable, retry");
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenPendingThenRetryScheduledAndPendingLogged(CapturedOutput output) throws Exception {
		TestDevice device = new TestDevice("pending-logged");
		String transactionId = TestDevice.newTransactionId();
		upstreams.challengeServiceDown = true;
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));
		assertThat(output.getOut().lines().filter((line) -> line.contains(transactionId)))
			.anySatisfy((line) -> assertThat(line).contains("event=transaction_retry_scheduled")
				.contains("attempts=1")
				.contains("reason=\"challenge-service unavailable: HTTP 503\""))
			.anySatisfy((line) -> assertThat(line).contains("event=enrollment_pending"));
	}

	@Test
	void whenCaRefusesThenFailureWithProblemDetail() throws Exception {
		TestDevice device = new TestDevice("ca-refuses");
		String transactionId = TestDevice.newTransactionId();
		upstreams.caFailureStatus = 422;
		CertRepResponse failed = enroll(device, "/scep/default", transactionId);
		assertThat(failed.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(failed.failInfoText()).isEqualTo("key too small for template");
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
	}

	@Test
	void whenRedemptionNamesTemplateThenCaAskedForIt() throws Exception {
		TestDevice device = new TestDevice("template");
		upstreams.redemptions = (request) -> RedemptionResult.accepted("vpn-user");
		int before = upstreams.issuedWithTemplate("vpn-user");
		CertRepResponse certRep = device.read(
				pkiOperation("/scep/wifi",
						device.pkcsReq(device.csr("ANY"), ra().encryptionCertificate(), TestDevice.newTransactionId())),
				ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.issuedWithTemplate("vpn-user")).isEqualTo(before + 1);
	}

}
