package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.keyward.testsupport.MutableClock;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificatePage;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.keyward.testsupport.FromOutside;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@CaAdapterTest
class CertificateIssuanceTests {

	private static final KeyPair RSA_2048 = TestCsrs.rsa(2048);

	@LocalServerPort
	int port;

	@Autowired
	RestClient.Builder restClient;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	CertificateAuthorityClient client;

	@BeforeEach
	void client() {
		this.client = client(CaAdapterTest.SERVICE_TOKEN);
	}

	@AfterEach
	void releaseClock() {
		this.clock.release();
	}

	private CertificateAuthorityClient client(String token) {
		return ServiceClients.create(this.restClient, "http://127.0.0.1:" + this.port, token, Duration.ofSeconds(30),
				CertificateAuthorityClient.class);
	}

	@Test
	void whenCsrAsksForMoreThanTheDefaultTemplateAllowsThenOnlyThePolicyIsIssued() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(now);
		String transactionId = "tx-" + UUID.randomUUID();
		String csr = TestCsrs.forKey(RSA_2048, "CN=device-1,O=Keyward Tests")
			.san(new GeneralName(GeneralName.dNSName, "device-1.example"))
			.san(new GeneralName(GeneralName.rfc822Name, "device-1@example.com"))
			.extension(new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()))
			.extension(new Extension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded()))
			.base64();

		IssuedCertificate issued = this.client.issue(new IssueRequest(csr, "devices", "default", transactionId));

		assertThat(issued.serialNumber()).matches("[0-9A-F]+");
		assertThat(issued.subjectAltNames()).containsExactly("dns:device-1.example", "email:device-1@example.com");
		assertThat(issued.subject()).isEqualTo("CN=device-1,O=Keyward Tests");
		assertThat(issued.profile()).isEqualTo("devices");
		assertThat(issued.template()).isEqualTo("default");
		assertThat(issued.transactionId()).isEqualTo(transactionId);
		X509Certificate certificate = Certificates.parse(issued.certificatePem());
		assertThat(certificate.getSerialNumber()).isEqualTo(new BigInteger(issued.serialNumber(), 16));
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
				Extension.keyUsage.getId());
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
		assertThat(certificate.getKeyUsage()).startsWith(true, false, true, false, false, false, false);
		assertThat(certificate.getSubjectAlternativeNames()).hasSize(2);
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(5)));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(365)));
		assertThat(issued.notAfter()).isEqualTo(now.plus(Duration.ofDays(365)));

		X509Certificate ca = Certificates.parse(this.client.caCertificates().chainPem().get(0));
		certificate.verify(ca.getPublicKey());
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(ca));
		assertThat(subjectKeyId(certificate)).isNotEmpty();
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);

		assertThat(this.client.certificate(issued.serialNumber())).isEqualTo(issued);
		assertThat(this.client.certificate(issued.serialNumber().toLowerCase(java.util.Locale.ROOT))).isEqualTo(issued);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from ca.certificate_request r join ca.certificate c on c.request_id = r.id "
						+ "where r.transaction_id = ? and r.status = 'ISSUED' and c.serial = ? and r.csr = ?",
				Long.class, transactionId, SerialNumbers.key(certificate.getSerialNumber()),
				Base64.getDecoder().decode(csr)))
			.isEqualTo(1);
	}

	@Test
	void whenRsaKeyIs1024BitsThenRefusedAndNothingStored() {
		long certificatesBefore = count("ca.certificate");
		long requestsBefore = count("ca.certificate_request");
		String csr = TestCsrs.forKey(TestCsrs.rsa(1024), "CN=weak").base64();

		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.issue(new IssueRequest(csr, "devices", "default", "tx-weak")))
			.satisfies((ex) -> {
				assertThat(ex.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(ex.getResponseBodyAsString()).contains("1024 bits").contains("at least 2048");
			});
		assertThat(count("ca.certificate")).isEqualTo(certificatesBefore);
		assertThat(count("ca.certificate_request")).isEqualTo(requestsBefore);
	}

	@Test
	void whenCsrIsGarbageThenBadRequest() {
		assertBadRequest(new IssueRequest("not base64 at all!", "devices", "default", null), "not valid base64");
		assertBadRequest(new IssueRequest(Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 }), "devices",
				"default", null), "PKCS#10");
		assertBadRequest(new IssueRequest(null, "devices", "default", null), "csr is required");
	}

	@Test
	void whenBodyIsNotJsonThenBadRequestProblem() {
		String answer = this.restClient.build()
			.post()
			.uri("http://127.0.0.1:" + this.port + "/api/v1/certificates")
			.header("Authorization", "Bearer " + CaAdapterTest.SERVICE_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{not json")
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ response.getHeaders().getContentType());
		assertThat(answer).isEqualTo("400 application/problem+json");
	}

	@Test
	void whenCsrSignatureIsBrokenThenBadRequest() {
		byte[] der = TestCsrs.forKey(RSA_2048, "CN=tampered").der();
		der[der.length - 1] ^= 0x01;

		assertBadRequest(new IssueRequest(Base64.getEncoder().encodeToString(der), "devices", "default", null),
				"self-signature does not verify");
	}

	@Test
	void whenTemplateIsUnknownThenBadRequest() {
		String csr = TestCsrs.forKey(RSA_2048, "CN=device").base64();

		assertBadRequest(new IssueRequest(csr, "devices", "no-such-template", null), "unknown template");
	}

	@Test
	void whenKeyIsEcP256ThenIssuedWithoutKeyEncipherment() throws Exception {
		String csr = TestCsrs.forKey(TestCsrs.ec("secp256r1", null), "CN=ec-device")
			.san(new GeneralName(GeneralName.dNSName, "ec.example"))
			.base64();

		IssuedCertificate issued = this.client.issue(new IssueRequest(csr, "devices", "default", null));

		X509Certificate certificate = Certificates.parse(issued.certificatePem());
		assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
		assertThat(certificate.getKeyUsage()).startsWith(true, false, false, false);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
	}

	@Test
	void whenTemplateIsRaSigningThenDigitalSignatureOnlyAndNoEku() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(now);
		String csr = TestCsrs.forKey(RSA_2048, "CN=Keyward RA Signing").base64();

		IssuedCertificate issued = this.client.issueRaCertificate(new IssueRequest(csr, "ra", "ra-signing", null));

		X509Certificate certificate = Certificates.parse(issued.certificatePem());
		assertThat(certificate.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
		assertThat(certificate.getExtendedKeyUsage()).isNull();
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(730)));
	}

	@Test
	void whenTemplateIsRaEncryptionThenKeyEnciphermentAndNoEku() throws Exception {
		String csr = TestCsrs.forKey(RSA_2048, "CN=Keyward RA Encryption").base64();

		IssuedCertificate issued = this.client.issueRaCertificate(new IssueRequest(csr, "ra", "ra-encryption", null));

		X509Certificate certificate = Certificates.parse(issued.certificatePem());
		assertThat(certificate.getKeyUsage()).startsWith(false, false, true, false, false, false, false);
		assertThat(certificate.getExtendedKeyUsage()).isNull();
	}

	@Test
	void whenTemplateValidityOutlivesTheCaThenNotAfterIsTheCasNotAfter() {
		X509Certificate ca = Certificates.parse(this.client.caCertificates().chainPem().get(0));
		Instant caNotAfter = ca.getNotAfter().toInstant();
		this.clock.set(caNotAfter.minus(Duration.ofDays(100)));
		String csr = TestCsrs.forKey(RSA_2048, "CN=late").base64();

		String profile = "late-" + UUID.randomUUID();
		try {
			IssuedCertificate issued = this.client.issue(new IssueRequest(csr, profile, "default", null));

			assertThat(issued.notAfter()).isEqualTo(caNotAfter);
			this.clock.set(caNotAfter.plusSeconds(1));
			// refused as unavailable, not signed past the CA (ExpiredCaIssuanceTests)
			assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
				.isThrownBy(() -> this.client.issue(new IssueRequest(csr, profile, "default", null)))
				.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("CA certificate expired"));
		}
		finally {
			// a certificate issued "in 2036" would head every newest-first listing
			this.jdbc.update("delete from ca.certificate where profile = ?", profile);
			this.jdbc.update("delete from ca.certificate_request where profile = ?", profile);
		}
	}

	@Test
	void whenListingThenNewestFirstAndSizeCapped() {
		String csr = TestCsrs.forKey(RSA_2048, "CN=listed").base64();
		List<String> serials = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			serials.add(0, this.client.issue(new IssueRequest(csr, "listing", "default", null)).serialNumber());
		}

		CertificatePage first = this.client.certificates(0, 2);
		CertificatePage second = this.client.certificates(1, 2);

		assertThat(first.items()).extracting(IssuedCertificate::serialNumber)
			.containsExactlyElementsOf(serials.subList(0, 2));
		assertThat(second.items().get(0).serialNumber()).isEqualTo(serials.get(2));
		assertThat(first.total()).isEqualTo(count("ca.certificate"));
		assertThat(first.page()).isZero();
		assertThat(first.size()).isEqualTo(2);
		assertThat(this.client.certificates(0, 100_000).size()).isEqualTo(500);
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.certificates(-1, 10));
	}

	@Test
	void whenSerialIsUnknownThenNotFoundProblem() {
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.client.certificate("0123456789ABCDEF"))
			.satisfies((ex) -> assertThat(ex.getResponseHeaders().getContentType())
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.certificate("not-hex"));
	}

	@Test
	void whenTokenIsMissingOrWrongThenUnauthorizedProblem() {
		CertificateAuthorityClient stranger = client("wrong-token-0123456789abcdef");

		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class).isThrownBy(stranger::caCertificates)
			.satisfies((ex) -> assertThat(ex.getResponseHeaders().getContentType())
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
		String status = this.restClient.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/api/v1/ca")
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ response.getHeaders().getContentType());
		assertThat(status).isEqualTo("401 application/problem+json");
		Integer actuatorEnv = this.restClient.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/actuator/env")
			.exchange((request, response) -> response.getStatusCode().value());
		// refused to every caller: forbidden whoever asks
		assertThat(actuatorEnv).isEqualTo(403);
		assertThat(client("second-token-for-rotation").caCertificates().chainPem()).hasSize(1);
	}

	@Test
	void whenProbingHealthAndMetricsThenNoTokenIsNeeded() {
		this.client
			.issue(new IssueRequest(TestCsrs.forKey(RSA_2048, "CN=metered").base64(), "metrics", "default", null));
		String health = get("/actuator/health");
		String metrics = get("/actuator/prometheus");

		assertThat(health).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
		assertThat(metrics).contains("keyward_ca_certificates_issued_total{template=\"default\"}");
	}

	@Test
	void whenMetricsAreScrapedFromOutsideLoopbackThenRefusedAndHealthStillAnswers() throws Exception {
		assertThat(FromOutside.get(this.port, "/actuator/prometheus")).isIn(401, 403);
		assertThat(FromOutside.get(this.port, "/actuator/health")).isEqualTo(200);
	}

	private String get(String path) {
		return this.restClient.build().get().uri("http://127.0.0.1:" + this.port + path).retrieve().body(String.class);
	}

	private void assertBadRequest(IssueRequest request, String detail) {
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.issue(request))
			.satisfies((ex) -> {
				assertThat(ex.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(ex.getResponseBodyAsString()).contains(detail);
			});
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	private static byte[] subjectKeyId(X509Certificate certificate) {
		return SubjectKeyIdentifier
			.getInstance(
					ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
						.getOctets())
			.getKeyIdentifier();
	}

	private static byte[] authorityKeyId(X509Certificate certificate) {
		return AuthorityKeyIdentifier
			.getInstance(
					ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
						.getOctets())
			.getKeyIdentifierObject()
			.getOctets();
	}

}
