package io.keyward.gateway.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestCertificateAuthority;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal (RFC 8894 section 2.5) over real HTTP with the project's client-side codec: a
 * RenewalReq, or a PKCSReq signed with a certificate of ours, is authorised by that
 * certificate without a challenge, and refused when it cannot authorise it.
 */
class RenewalTests extends AbstractGatewayTests {

	@Autowired
	MeterRegistry meters;

	/**
	 * Renewals need a moved clock, so their rows are dated in the future: remove them, or
	 * they would stay the newest for every test that lists transactions.
	 */
	@AfterEach
	void forgetFutureTransactions() {
		this.jdbc.update("delete from gateway.transaction where created_at > now() + interval '1 hour'");
	}

	@Test
	void whenRenewalReqSignedWithACurrentCertificateInItsWindowThenANewCertificateWithoutAChallenge() throws Exception {
		TestDevice device = new TestDevice("renew-ok");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(200));
		int redemptions = upstreams.redemptionCalls.get();
		TestDevice newKey = new TestDevice("renew-ok-new-key");
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse certRep = renew(device, MessageType.RENEWAL_REQ, newKey.csr(null), current, transactionId,
				"/scep/default");

		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		X509Certificate renewed = certRep.certificates().get(0);
		assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
		assertThat(renewed.getPublicKey()).isEqualTo(newKey.keyPair().getPublic());
		assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.renewalOf).containsEntry(serial(renewed), serial(current));
		Map<String, Object> row = this.jdbc.queryForMap(
				"select status, message_type, renewal_of from gateway.transaction where transaction_id = ?",
				transactionId);
		assertThat(row).containsEntry("status", "ISSUED")
			.containsEntry("message_type", "RenewalReq")
			.containsEntry("renewal_of", serial(current));
		// issue 14: announced RENEWED with the serial it replaces (the relay runs every
		// second)
		io.keyward.api.event.EnrollmentEvent event = null;
		for (int i = 0; i < 200 && event == null; i++) {
			event = upstreams.events.values()
				.stream()
				.filter((e) -> transactionId.equals(e.transactionId()))
				.findFirst()
				.orElse(null);
			Thread.sleep(50);
		}
		assertThat(event).isNotNull();
		assertThat(event.type()).isEqualTo(io.keyward.api.event.EnrollmentEvent.Type.RENEWED);
		assertThat(event.replacedSerialNumber()).isEqualTo(SerialNumbers.hex(current.getSerialNumber()));
		assertThat(event.serialNumber()).isEqualTo(SerialNumbers.hex(renewed.getSerialNumber()));
	}

	@Test
	void whenPkcsReqSignedWithOurCertificateRepeatsTheEnrollmentsTransactionIdThenItIsRenewed() throws Exception {
		// certmonger: PKCSReq signed with the old certificate, transactionID derived from
		// the (unchanged) key, the same CSR with the original challenge in it
		TestDevice device = new TestDevice("renew-certmonger");
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr(FakeUpstreams.GOOD_CHALLENGE);
		X509Certificate current = device
			.read(pkiOperation("/scep/default", device.pkcsReq(csr, ra().encryptionCertificate(), transactionId)),
					ra().signingCertificate())
			.certificates()
			.get(0);
		this.clock.advance(Duration.ofDays(200));
		int redemptions = upstreams.redemptionCalls.get();

		CertRepResponse first = renew(device, MessageType.PKCS_REQ, csr, current, transactionId, "/scep/default");
		CertRepResponse repeated = renew(device, MessageType.PKCS_REQ, csr, current, transactionId, "/scep/default");

		assertThat(first.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(first.certificates().get(0).getSerialNumber()).isNotEqualTo(current.getSerialNumber());
		assertThat(repeated.certificates().get(0).getSerialNumber())
			.isEqualTo(first.certificates().get(0).getSerialNumber());
		assertThat(upstreams.issuedFor(transactionId)).isEqualTo(2);
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(this.jdbc.queryForList(
				"select coalesce(renewal_of, '-') from gateway.transaction where transaction_id = ? order by created_at",
				String.class, transactionId))
			.containsExactly("-", serial(current));
	}

	@Test
	void whenTheProfileRevokesOnRenewalThenTheOldCertificateIsRevokedAsSupersededOnce() throws Exception {
		TestDevice device = new TestDevice("renew-revoking");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(200));
		String transactionId = TestDevice.newTransactionId();
		PKCS10CertificationRequest csr = device.csr(null);

		CertRepResponse renewed = renew(device, MessageType.RENEWAL_REQ, csr, current, transactionId, "/scep/revoking");
		CertRepResponse repeated = renew(device, MessageType.RENEWAL_REQ, csr, current, transactionId,
				"/scep/revoking");

		assertThat(renewed.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(repeated.certificates().get(0).getSerialNumber())
			.isEqualTo(renewed.certificates().get(0).getSerialNumber());
		assertThat(upstreams.revocationReasons).containsEntry(serial(current), "superseded");
		assertThat(upstreams.revoked).doesNotContain(serial(renewed.certificates().get(0)));
	}

	@Test
	void whenTheCaCannotRevokeTheOldCertificateThenPendingAndTheRetryRevokesIt() throws Exception {
		TestDevice device = new TestDevice("renew-revoke-later");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(200));
		String transactionId = TestDevice.newTransactionId();
		upstreams.revokeDown = true;
		assertThat(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, transactionId, "/scep/revoking")
			.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		upstreams.revokeDown = false;
		CertRepResponse polled = device.read(
				pkiOperation("/scep/revoking",
						device.certPoll(upstreams.ca.certificate(), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(polled.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.revocationReasons).containsEntry(serial(current), "superseded");
	}

	@Test
	void whenTheCertificateHasExpiredThenFailureBadRequest() throws Exception {
		TestDevice device = new TestDevice("renew-expired");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(366));
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, TestDevice.newTransactionId(),
				"/scep/default"), FailInfo.BAD_REQUEST, "expired");
	}

	@Test
	void whenOutsideTheDefaultWindowOfTheLastHalfThenFailureBadRequest() throws Exception {
		TestDevice device = new TestDevice("renew-early");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(170));
		String transactionId = TestDevice.newTransactionId();
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, transactionId, "/scep/default"),
				FailInfo.BAD_REQUEST, "cannot be renewed before");
		assertThat(rowsFor(transactionId)).isZero();
	}

	@Test
	void whenTheProfileSetsAWindowInDaysThenRenewalOpensThatLongBeforeExpiry() throws Exception {
		TestDevice device = new TestDevice("renew-window30");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(300));
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, TestDevice.newTransactionId(),
				"/scep/window30"), FailInfo.BAD_REQUEST, "cannot be renewed before");
		this.clock.advance(Duration.ofDays(40));
		assertThat(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, TestDevice.newTransactionId(),
				"/scep/window30")
			.status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenTheCertificateIsRevokedThenTheCaRefusesAndFailureBadRequestIsRecorded() throws Exception {
		TestDevice device = new TestDevice("renew-revoked");
		X509Certificate current = enrolled(device);
		upstreams.revoked.add(serial(current));
		this.clock.advance(Duration.ofDays(200));
		String transactionId = TestDevice.newTransactionId();
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, transactionId, "/scep/default"),
				FailInfo.BAD_REQUEST, "revoked");
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
	}

	@Test
	void whenSignedByAnotherCaThenFailureBadCertId() throws Exception {
		TestDevice device = new TestDevice("renew-foreign");
		X509Certificate foreign = new TestCertificateAuthority().issue(device.csr(null), "default");
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), foreign, TestDevice.newTransactionId(),
				"/scep/default"), FailInfo.BAD_CERT_ID, "not issued by this CA");
	}

	@Test
	void whenSignedWithASelfSignedCertificateThenRenewalReqIsRefusedBadCertId() throws Exception {
		TestDevice device = new TestDevice("renew-self-signed");
		X509Certificate selfSigned = io.keyward.scep.client.ScepRequestBuilder.selfSignedSigner(device.keyPair(),
				new org.bouncycastle.asn1.x500.X500Name("CN=renew-self-signed"));
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), selfSigned,
				TestDevice.newTransactionId(), "/scep/default"), FailInfo.BAD_CERT_ID, "not issued by this CA");
	}

	@Test
	void whenAPkcsReqIsSignedByAnotherCaThenTheChallengeStillAuthorisesIt() throws Exception {
		TestDevice device = new TestDevice("foreign-pkcsreq");
		X509Certificate foreign = new TestCertificateAuthority("CN=Other CA,O=Elsewhere").issue(device.csr(null),
				"default");
		CertRepResponse certRep = renew(device, MessageType.PKCS_REQ, device.csr(FakeUpstreams.GOOD_CHALLENGE), foreign,
				TestDevice.newTransactionId(), "/scep/default");
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenRenewalIsDisabledThenRenewalReqIsRefusedAndNotAdvertised() throws Exception {
		TestDevice device = new TestDevice("renew-disabled");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(200));
		assertRefused(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, TestDevice.newTransactionId(),
				"/scep/norenew"), FailInfo.BAD_REQUEST, "RenewalReq not served");
		// a PKCSReq signed with the certificate is then an enrollment: its challenge
		// decides
		assertRefused(renew(device, MessageType.PKCS_REQ, device.csr(null), current, TestDevice.newTransactionId(),
				"/scep/norenew"), FailInfo.BAD_REQUEST, "challengePassword missing");
		assertThat(capabilities("/scep/norenew")).doesNotContain("Renewal");
		assertThat(capabilities("/scep/default")).contains("Renewal");
		assertThat(capabilities("/certsrv/mscep/mscep.dll")).contains("Renewal");
	}

	@Test
	void whenTheCaIsUnavailableThenPendingAndTheFinisherRenewsWithoutAChallenge() throws Exception {
		TestDevice device = new TestDevice("renew-pending");
		X509Certificate current = enrolled(device);
		this.clock.advance(Duration.ofDays(200));
		String transactionId = TestDevice.newTransactionId();
		upstreams.caFailureStatus = 503;
		assertThat(renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, transactionId, "/scep/default")
			.status()).isEqualTo(PkiStatus.PENDING);
		upstreams.caFailureStatus = null;
		int redemptions = upstreams.redemptionCalls.get();
		CertRepResponse polled = device.read(poll(device, transactionId), ra().signingCertificate());
		assertThat(polled.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.renewalOf).containsEntry(serial(polled.certificates().get(0)), serial(current));
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenRenewedOrRefusedThenLoggedAndCounted(CapturedOutput output) throws Exception {
		TestDevice device = new TestDevice("renew-logged");
		X509Certificate current = enrolled(device);
		double renewedBefore = count("renewed", "none");
		double expiredBefore = count("refused", "outside_window");
		String refusedId = TestDevice.newTransactionId();
		renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, refusedId, "/scep/default");
		this.clock.advance(Duration.ofDays(200));
		String renewedId = TestDevice.newTransactionId();
		renew(device, MessageType.RENEWAL_REQ, device.csr(null), current, renewedId, "/scep/default");

		assertThat(output.getOut().lines().filter((line) -> line.contains("event=enrollment_renewed")))
			.anySatisfy((line) -> assertThat(line).contains(renewedId)
				.contains("renewalOf=" + SerialNumbers.hex(current.getSerialNumber())));
		assertThat(output.getOut().lines().filter((line) -> line.contains("event=renewal_refused")))
			.anySatisfy((line) -> assertThat(line).contains(refusedId).contains("reason=outside_window"));
		assertThat(count("renewed", "none")).isEqualTo(renewedBefore + 1);
		assertThat(count("refused", "outside_window")).isEqualTo(expiredBefore + 1);
	}

	private X509Certificate enrolled(TestDevice device) throws Exception {
		CertRepResponse certRep = enroll(device, "/scep/default", TestDevice.newTransactionId());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		return certRep.certificates().get(0);
	}

	private CertRepResponse renew(TestDevice device, MessageType type, PKCS10CertificationRequest csr,
			X509Certificate current, String transactionId, String path) throws Exception {
		return device.read(
				pkiOperation(path, device.renewal(type, csr, current, ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
	}

	private static void assertRefused(CertRepResponse certRep, FailInfo failInfo, String reason) {
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(failInfo);
		assertThat(certRep.failInfoText()).contains(reason);
	}

	private String capabilities(String path) throws Exception {
		return new String(get(path + "?operation=GetCACaps").body(), StandardCharsets.US_ASCII);
	}

	private double count(String outcome, String reason) {
		var counter = this.meters.find("keyward.scep.renewals")
			.tags("profile", "default", "outcome", outcome, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String serial(X509Certificate certificate) {
		return SerialNumbers.key(certificate.getSerialNumber());
	}

}
