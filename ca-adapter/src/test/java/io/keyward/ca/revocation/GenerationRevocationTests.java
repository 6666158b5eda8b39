package io.keyward.ca.revocation;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.NextCaRequest;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import io.keyward.ca.authority.CaRollover;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * After a CA rollover every CA generation that has not expired keeps its own CRL (RFC
 * 5280 section 5: a CRL is per issuer) and OCSP answers (RFC 6960), each signed for its
 * own issuer.
 */
class GenerationRevocationTests extends CaApiTests {

	private static final String PROFILE = "generations-" + UUID.randomUUID();

	@Autowired
	CaRollover rollover;

	@AfterEach
	void removeTheNextCa() {
		this.jdbc.update("delete from ca.certificate where profile = ?", PROFILE);
		this.jdbc.update("delete from ca.certificate_request where profile = ?", PROFILE);
		this.jdbc.update("delete from ca.crl where ca_name in (select name from ca.certificate_authority "
				+ "where generation > 1)");
		this.jdbc.update("delete from ca.ocsp_signer where ca_name in (select name from ca.certificate_authority "
				+ "where generation > 1)");
		this.jdbc.update("delete from ca.certificate_authority where generation > 1");
		this.rollover.reload();
	}

	@Test
	void whenTheSecondGenerationIssuedAndRevokedThenEachGenerationServesItsOwnCrlAndOcsp() throws Exception {
		X509Certificate first = caCertificate();
		String name = this.client.authorities().get(0).name();
		IssuedCertificate old = enroll("CN=first-generation,O=Keyward Tests");
		this.client.revoke(old.serialNumber(), new RevokeRequest("superseded", null, "ops"));
		Instant switchAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
		// the admin-ui prepares a rollover (scope ca:rollover)
		X509Certificate second = Certificates
			.parse(client(CaAdapterTest.ADMIN_UI_TOKEN).prepareNextCa(new NextCaRequest(switchAt, "test-admin"))
				.nextCaPem()
				.get(0));
		this.clock.set(switchAt.plusSeconds(1));
		IssuedCertificate renewed = enroll("CN=second-generation,O=Keyward Tests");
		Certificates.parse(renewed.certificatePem()).verify(second.getPublicKey());

		this.client.revoke(renewed.serialNumber(), new RevokeRequest("keyCompromise", null, "ops"));

		X509CRL secondCrl = crl(name + "-g2");
		secondCrl.verify(second.getPublicKey());
		assertThat(secondCrl.getRevokedCertificate(serial(renewed))).isNotNull();
		assertThat(secondCrl.getRevokedCertificate(serial(old))).isNull();
		assertThat(secondCrl.getNextUpdate().toInstant()).isAfter(switchAt);
		X509CRL firstCrl = crl(name);
		firstCrl.verify(first.getPublicKey());
		assertThat(firstCrl.getRevokedCertificate(serial(old))).isNotNull();
		assertThat(firstCrl.getRevokedCertificate(serial(renewed))).isNull();
		BasicOCSPResp secondAnswer = ask(second, serial(renewed));
		assertThat(secondAnswer.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
		assertThat(signedFor(secondAnswer, second)).isTrue();
		BasicOCSPResp firstAnswer = ask(first, serial(old));
		assertThat(firstAnswer.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
		assertThat(signedFor(firstAnswer, first)).isTrue();
		// a serial is known only to the issuer that signed it (RFC 6960 section 2.2)
		SingleResp crossed = ask(first, serial(renewed)).getResponses()[0];
		assertThat(crossed.getCertStatus()).isInstanceOf(UnknownStatus.class);
	}

	@Test
	void whenAGenerationIsNotStoredThenItsCrlIs404() {
		String name = this.client.authorities().get(0).name();

		assertThatExceptionOfType(HttpClientErrorException.class).isThrownBy(() -> this.client.crl(name + "-g9"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	private IssuedCertificate enroll(String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, PROFILE, "default", "tx-" + UUID.randomUUID()));
	}

	private X509CRL crl(String caName) throws Exception {
		return (X509CRL) CertificateFactory.getInstance("X.509")
			.generateCRL(new ByteArrayInputStream(this.client.crl(caName)));
	}

	private BasicOCSPResp ask(X509Certificate issuer, BigInteger serial) throws Exception {
		CertificateID id = new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(issuer), serial);
		OCSPResp response = new OCSPResp(this.client.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
		assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		return (BasicOCSPResp) response.getResponseObject();
	}

	/**
	 * Signed by a delegated signer that {@code issuer} certified (RFC 6960 section
	 * 4.2.2.2).
	 */
	private static boolean signedFor(BasicOCSPResp response, X509Certificate issuer) throws Exception {
		X509CertificateHolder signer = response.getCerts()[0];
		return response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))
				&& signer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer));
	}

	private static BigInteger serial(IssuedCertificate issued) {
		return new BigInteger(issued.serialNumber(), 16);
	}

}
