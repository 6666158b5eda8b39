package io.keyward.gateway.enrollment;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CertPoll (RFC 8894 section 3.3.3) through real HTTP: the device polls the transaction
 * its PKCSReq left PENDING, identified by transactionID and signed with the same key.
 */
class CertPollTests extends AbstractGatewayTests {

	@Test
	void whenPolledForUnknownTransactionIdThenFailureBadCertId() throws Exception {
		TestDevice device = new TestDevice("poll-unknown");
		String transactionId = TestDevice.newTransactionId();
		CertRepResponse certRep = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_CERT_ID);
		assertThat(certRep.transactionId()).isEqualTo(transactionId);
		assertThat(rowsFor(transactionId)).isZero();
	}

	@Test
	void whenPolledWithAnotherKeyThenFailureBadCertIdAndTransactionUntouched() throws Exception {
		TestDevice device = new TestDevice("poll-owner");
		TestDevice other = new TestDevice("poll-other");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = null;
		CertRepResponse certRep = other.read(poll(other, transactionId), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_CERT_ID);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	void whenPolledAfterOutageThenCompletedAtOnceWithSuccess() throws Exception {
		TestDevice device = new TestDevice("poll-after-outage");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = null;
		CertRepResponse certRep = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(certRep.certificates().get(0).getPublicKey()).isEqualTo(device.keyPair().getPublic());
		assertThat(statusOf(transactionId)).isEqualTo("ISSUED");
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
		CertRepResponse again = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(again.certificates().get(0).getSerialNumber())
			.isEqualTo(certRep.certificates().get(0).getSerialNumber());
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(1);
	}

	@Test
	void whenPolledWhileCaStillUnavailableThenPendingAndAttemptCounted() throws Exception {
		TestDevice device = new TestDevice("poll-still-down");
		String transactionId = pendingEnrollment(device, "/scep/default");
		CertRepResponse certRep = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		assertThat(this.jdbc.queryForObject("select attempts from gateway.transaction where transaction_id = ?",
				Integer.class, transactionId))
			.isEqualTo(2);
	}

	@Test
	void whenPolledAfterRefusalThenTheRecordedFailure() throws Exception {
		TestDevice device = new TestDevice("poll-refused");
		String transactionId = TestDevice.newTransactionId();
		device.read(
				pkiOperation("/scep/default",
						device.pkcsReq(device.csr("WRONGCHALLENGE"), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		CertRepResponse certRep = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(certRep.failInfoText()).isEqualTo("unknown or expired challenge");
	}

	@Test
	void whenPolledOnAnotherProfileThenFailureBadCertId() throws Exception {
		TestDevice device = new TestDevice("poll-other-profile");
		String transactionId = pendingEnrollment(device, "/scep/default");
		upstreams.caFailureStatus = null;
		CertRepResponse certRep = device.read(
				pkiOperation("/scep/wifi",
						device.certPoll(upstreams.ca.certificate(), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_CERT_ID);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
	}

}
