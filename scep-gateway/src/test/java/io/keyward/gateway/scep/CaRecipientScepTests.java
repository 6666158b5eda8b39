package io.keyward.gateway.scep;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestCertificateAuthority;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A request enveloped to the CA certificate (RFC 8894 section 2.2): the gateway has the
 * ca-adapter open it and sign the CertRep with the CA key, on every profile; on a
 * {@code CA_ONLY} profile every CertRep is signed by the CA.
 */
class CaRecipientScepTests extends AbstractGatewayTests {

	@Autowired
	CaCertificateChain caChain;

	@Autowired
	CaOnlyKeyUsageCheck keyUsageCheck;

	@AfterEach
	void reset() {
		upstreams.reset();
		this.caChain.forget();
	}

	@Test
	void whenADeviceEnvelopesToTheCaThenTheCaSignsTheSuccessAndTheRaCannotVerifyIt() throws Exception {
		TestDevice device = new TestDevice("ca-addressed-1");
		int signed = upstreams.caRecipient.signed.get();

		byte[] certRep = pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ca(), TestDevice.newTransactionId()));

		CertRepResponse answer = device.read(certRep, ca());
		assertThat(answer.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(answer.certificates().get(0).getSubjectX500Principal().getName()).contains("CN=ca-addressed-1");
		assertThat(upstreams.caRecipient.signed.get()).isEqualTo(signed + 1);
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> device.read(certRep, ra().signingCertificate()));
	}

	@Test
	void whenADeviceEnvelopesToTheRaThenTheRaSignsAsBefore() throws Exception {
		TestDevice device = new TestDevice("ra-addressed-1");
		int opened = upstreams.caRecipient.opened.get();

		CertRepResponse answer = enroll(device, "/scep/default", TestDevice.newTransactionId());

		assertThat(answer.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(upstreams.caRecipient.opened.get()).isEqualTo(opened);
	}

	@Test
	void whenTheProfileIsCaOnlyThenEnrollmentAndRenewalAreAnsweredByTheCa() throws Exception {
		TestDevice device = new TestDevice("ca-only-1");

		CertRepResponse enrolled = device.read(
				pkiOperation("/scep/caonly",
						device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ca(), TestDevice.newTransactionId())),
				ca());
		assertThat(enrolled.status()).isEqualTo(PkiStatus.SUCCESS);
		X509Certificate current = enrolled.certificates().get(0);
		// into the renewal window (the last half of the certificate's life)
		this.clock.advance(Duration.ofDays(200));

		CertRepResponse renewed = device.read(pkiOperation("/scep/caonly", device.renewal(MessageType.RENEWAL_REQ,
				device.csr(null), current, ca(), TestDevice.newTransactionId())), ca());
		assertThat(renewed.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(renewed.certificates().get(0).getSerialNumber()).isNotEqualTo(current.getSerialNumber());
	}

	@Test
	void whenAnEnvelopeIsForAnUnknownCertificateOnCaOnlyThenFailureBadMessageCheckSignedByTheCa() throws Exception {
		TestDevice device = new TestDevice("ca-only-stranger");
		X509Certificate stranger = new TestCertificateAuthority("CN=Stranger").certificate();
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse answer = device.read(pkiOperation("/scep/caonly",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), stranger, transactionId)), ca());

		assertThat(answer.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
	}

	@Test
	void whenTheCaRecipientIsUnavailableThenServiceUnavailableAndNoTransaction() throws Exception {
		TestDevice device = new TestDevice("ca-recipient-down");
		String transactionId = TestDevice.newTransactionId();
		upstreams.caRecipient.down = true;

		HttpResponse<byte[]> response = post("/scep/default?operation=PKIOperation",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ca(), transactionId));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(new String(response.body())).contains("retry later");
		assertThat(rowsFor(transactionId)).isZero();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenACaOnlyProfilesCaLacksTheScepUsagesThenOneWarnNamesTheProfileAndTheUsages(CapturedOutput output) {
		assertThat(this.keyUsageCheck.check()).containsExactly("digitalSignature", "keyEncipherment");

		assertThat(output.getOut()).containsOnlyOnce("event=ca_only_ca_key_usage_missing profiles=caonly")
			.contains("missing=digitalSignature,keyEncipherment");
	}

	private static X509Certificate ca() {
		return upstreams.ca.certificate();
	}

}
