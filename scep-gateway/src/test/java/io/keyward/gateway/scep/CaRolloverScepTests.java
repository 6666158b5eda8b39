package io.keyward.gateway.scep;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.keyward.api.ca.CaCertificates;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestCertificateAuthority;
import io.keyward.gateway.TestDevice;
import io.keyward.gateway.expiry.CertificateExpiry;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.NextCaCertificatesReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A CA rollover seen by devices (RFC 8894 section 4.7): GetNextCACert is advertised and
 * answered exactly while a next CA is published, its answer verifies with the RA signing
 * certificate, and after the switch-over new certificates chain to the next CA while a
 * certificate of the previous CA still renews.
 */
class CaRolloverScepTests extends AbstractGatewayTests {

	private static final TestCertificateAuthority NEXT = new TestCertificateAuthority(
			"CN=Keyward Test CA,O=Keyward Tests");

	@Autowired
	CaCertificateChain caChain;

	@Autowired
	CertificateExpiry expiry;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void forgetRollover() {
		this.jdbc.update("delete from gateway.transaction where created_at > now() + interval '1 hour'");
		upstreams.reset();
		this.caChain.forget();
	}

	@Test
	void whenNoNextCaIsPublishedThenGetNextCaCertIsNeitherAdvertisedNorAnswered() throws Exception {
		this.caChain.forget();

		assertThat(capabilities()).doesNotContain("GetNextCACert");
		HttpResponse<byte[]> response = get("/scep/default?operation=GetNextCACert");
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void whenANextCaIsPublishedThenAdvertisedAndItsAnswerVerifiesWithTheRaSigningCertificate() throws Exception {
		publishNext(Instant.now().plus(Duration.ofDays(7)));

		assertThat(capabilities()).contains("GetNextCACert");
		HttpResponse<byte[]> response = get("/scep/default?operation=GetNextCACert&message=ca");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/x-x509-next-ca-cert");
		assertThat(NextCaCertificatesReader.read(response.body(), ra().signingCertificate()))
			.containsExactly(NEXT.certificate());
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> NextCaCertificatesReader.read(response.body(), upstreams.ca.certificate()));
	}

	@Test
	void whenTheCaSwitchedThenNewCertificatesChainToTheNextCaAndAPreviousCertificateRenews() throws Exception {
		TestDevice device = new TestDevice("rollover-old");
		CertRepResponse enrolled = enroll(device, "/scep/default", TestDevice.newTransactionId());
		X509Certificate old = enrolled.certificates().get(0);
		Instant switchAt = Instant.now().plus(Duration.ofDays(7));
		publishNext(switchAt);
		assertThat(capabilities()).contains("GetNextCACert");

		// the ca-adapter switches at switchAt: it publishes the next CA as the issuing
		// one
		upstreams.published = new CaCertificates(List.of(TestCertificateAuthority.pem(NEXT.certificate())), List.of(),
				null, List.of(TestCertificateAuthority.pem(upstreams.ca.certificate())), List.of());
		upstreams.issuingCa = NEXT;
		this.clock.advance(Duration.between(Instant.now(), switchAt).plusDays(200));

		assertThat(capabilities()).doesNotContain("GetNextCACert");
		CertRepResponse fresh = enroll(new TestDevice("rollover-new"), "/scep/default", TestDevice.newTransactionId());
		assertThat(fresh.status()).isEqualTo(PkiStatus.SUCCESS);
		fresh.certificates().get(0).verify(NEXT.certificate().getPublicKey());
		TestDevice newKey = new TestDevice("rollover-old-new-key");
		CertRepResponse renewed = device.read(pkiOperation("/scep/default", device.renewal(MessageType.RENEWAL_REQ,
				newKey.csr(null), old, ra().encryptionCertificate(), TestDevice.newTransactionId())),
				ra().signingCertificate());
		assertThat(renewed.status()).as("%s", renewed.failInfoText()).isEqualTo(PkiStatus.SUCCESS);
		renewed.certificates().get(0).verify(NEXT.certificate().getPublicKey());
		assertThat(renewed.certificates().get(0).getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
	}

	@Test
	void whenANextCaIsPublishedThenEachGenerationHasItsDaysLeftGauge() {
		publishNext(Instant.now().plus(Duration.ofDays(7)));

		this.expiry.warn();

		assertThat(daysLeft("current", upstreams.ca.certificate())).isCloseTo(
				Duration.between(this.clock.instant(), upstreams.ca.certificate().getNotAfter().toInstant()).toSeconds()
						/ 86_400.0,
				within(0.01));
		assertThat(daysLeft("next", NEXT.certificate()))
			.isCloseTo(Duration.between(this.clock.instant(), NEXT.certificate().getNotAfter().toInstant()).toSeconds()
					/ 86_400.0, within(0.01));
	}

	private double daysLeft(String generation, X509Certificate ca) {
		return this.meters.get("keyward.ca.days.left")
			.tag("generation", generation)
			.tag("subject", ca.getSubjectX500Principal().getName())
			.gauge()
			.value();
	}

	private void publishNext(Instant switchAt) {
		upstreams.published = new CaCertificates(List.of(TestCertificateAuthority.pem(upstreams.ca.certificate())),
				List.of(TestCertificateAuthority.pem(NEXT.certificate())), switchAt, List.of(), List.of());
		this.caChain.forget();
	}

	private String capabilities() throws Exception {
		return new String(get("/scep/default?operation=GetCACaps").body(), StandardCharsets.US_ASCII);
	}

}
