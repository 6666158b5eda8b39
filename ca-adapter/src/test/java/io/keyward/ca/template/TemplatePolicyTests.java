package io.keyward.ca.template;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import io.keyward.ca.TestCsrs;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.scep.SubjectAltNames;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TemplatePolicyTests {

	private static final KeyPair RSA = TestCsrs.rsa(2048);

	private static CertificateSigningRequest csr(TestCsrs builder) {
		return CertificateSigningRequest.decode(builder.base64());
	}

	@Test
	void whenCsrHasSansOfAllowedKindsThenTheySurviveAndTheTemplateDecidesTheRest() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=all")
			.san(new GeneralName(GeneralName.dNSName, "a.example"))
			.san(new GeneralName(GeneralName.rfc822Name, "a@example.com"))
			.san(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:x")));

		CertificateSpec spec = TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT);

		assertThat(spec.subjectAltNames()).extracting(SubjectAltNames::render)
			.containsExactly("dns:a.example", "email:a@example.com", "uri:urn:x");
		assertThat(spec.keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
		assertThat(spec.extendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth);
		assertThat(spec.validity()).isEqualTo(Duration.ofDays(365));
	}

	@ParameterizedTest
	@MethodSource("sansTheDefaultTemplateRefuses")
	void whenCsrHasASanTypeTheTemplateDoesNotAllowThenRefused(GeneralName san, String described) {
		CertificateSigningRequest csr = csr(
				TestCsrs.forKey(RSA, "CN=all").san(new GeneralName(GeneralName.dNSName, "a.example")).san(san));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("(the CSR asks for " + described + ")");
	}

	static Stream<Arguments> sansTheDefaultTemplateRefuses() {
		return Stream.of(
				Arguments.of(new GeneralName(GeneralName.otherName,
						new OtherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("u@corp"))),
						"upn:u@corp"),
				Arguments.of(new GeneralName(GeneralName.iPAddress, "2001:db8::1"), "ip:2001:db8:0:0:0:0:0:1"),
				Arguments.of(new GeneralName(new X500Name("CN=dir")), "dirname:CN=dir"),
				Arguments.of(new GeneralName(GeneralName.registeredID, "1.2.3"), "rid:1.2.3"),
				Arguments.of(
						new GeneralName(GeneralName.otherName,
								new OtherName(new ASN1ObjectIdentifier("1.2.3.4"), new DERUTF8String("x"))),
						"othername:1.2.3.4"));
	}

	@Test
	void whenTemplateAllowsIpThenIpSurvives() {
		CertificateTemplate withIp = new CertificateTemplate("routers", Duration.ofDays(30),
				CertificateTemplate.DEFAULT.keyUsage(), CertificateTemplate.DEFAULT.extendedKeyUsage(),
				java.util.Set.of(SanType.IP), 2048, CertificateTemplate.DEFAULT_CURVES);
		CertificateSigningRequest csr = csr(
				TestCsrs.forKey(RSA, "CN=router").san(new GeneralName(GeneralName.iPAddress, "192.0.2.1")));

		assertThat(TemplatePolicy.apply(csr, withIp).subjectAltNames()).extracting(SubjectAltNames::render)
			.containsExactly("ip:192.0.2.1");
	}

	@Test
	void whenKeyIsEcThenEnciphermentUsagesAreDropped() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(TestCsrs.ec("secp384r1", null), "CN=ec"));

		CertificateSpec spec = TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT);

		assertThat(spec.keyUsage()).isEqualTo(KeyUsage.digitalSignature);
	}

	@Test
	void whenEcKeyMeetsAnEncryptionOnlyTemplateThenRefused() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(TestCsrs.ec("secp256r1", null), "CN=ec"));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.RA_ENCRYPTION))
			.withMessageContaining("use an RSA key");
	}

	@Test
	void whenCurveIsNotNistThenRefused() {
		BouncyCastleProvider bc = new BouncyCastleProvider();
		CertificateSigningRequest csr = csr(
				TestCsrs.forKey(TestCsrs.ec("secp256k1", bc), "CN=bitcoin-curve").provider(bc));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("1.3.132.0.10");
	}

	@Test
	void whenKeyIsNeitherRsaNorEcThenRefused() throws Exception {
		KeyPair ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		CertificateSigningRequest csr = csr(TestCsrs.forKey(ed25519, "CN=edwards"));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessage("the CSR's key algorithm 1.3.101.112 is not accepted: use an RSA or EC key");
	}

	@Test
	void whenRsaKeyIsBelowTheTemplateMinimumThenRefused() {
		CertificateTemplate strict = new CertificateTemplate("strict", Duration.ofDays(1),
				CertificateTemplate.DEFAULT.keyUsage(), CertificateTemplate.DEFAULT.extendedKeyUsage(),
				CertificateTemplate.DEFAULT_SANS, 3072, CertificateTemplate.DEFAULT_CURVES);

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr(TestCsrs.forKey(RSA, "CN=x")), strict))
			.withMessage("the CSR's RSA key has 2048 bits; template 'strict' requires at least 3072");
	}

	@Test
	void whenSubjectIsEmptyAndNoSanIsAskedForThenRefused() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, ""));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("neither a subject nor a subject alternative name");
	}

	@Test
	void whenCsrIsPemArmouredThenItIsAccepted() {
		String base64 = TestCsrs.forKey(RSA, "CN=pem").base64();
		String pem = "-----BEGIN CERTIFICATE REQUEST-----\n"
				+ Base64.getMimeEncoder().encodeToString(Base64.getDecoder().decode(base64))
				+ "\n-----END CERTIFICATE REQUEST-----\n";

		assertThat(CertificateSigningRequest.decode(pem).subject()).isEqualTo(new X500Name("CN=pem"));
	}

	@Test
	void whenTlsServerTemplateThenServerAuthWithDnsAndIpSansOnly() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=scep.example")
			.san(new GeneralName(GeneralName.dNSName, "scep.example"))
			.san(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
		CertificateSigningRequest withEmail = csr(TestCsrs.forKey(RSA, "CN=scep.example")
			.san(new GeneralName(GeneralName.dNSName, "scep.example"))
			.san(new GeneralName(GeneralName.rfc822Name, "a@example.com")));
		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(withEmail, CertificateTemplate.TLS_SERVER))
			.withMessageContaining("does not allow email SANs");

		CertificateSpec spec = TemplatePolicy.apply(csr, CertificateTemplate.TLS_SERVER);

		assertThat(spec.subjectAltNames()).extracting(SubjectAltNames::render)
			.containsExactly("dns:scep.example", "ip:127.0.0.1");
		assertThat(spec.extendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth);
		assertThat(spec.keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
		assertThat(spec.validity()).isEqualTo(Duration.ofDays(90));
	}

}
