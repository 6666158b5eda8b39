package io.keyward.ca.revocation;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OcspResponderTests extends CaApiTests {

	X509Certificate ca;

	@BeforeEach
	void setUp() {
		this.ca = caCertificate();
	}

	@Test
	void whenAskedForAValidCertificateThenGoodSignedByTheDelegatedSignerWithTheNonceEchoed() throws Exception {
		IssuedCertificate issued = issue("CN=ocsp-good");
		byte[] nonce = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

		BasicOCSPResp response = ask(new BigInteger(issued.serialNumber(), 16), nonce);

		SingleResp single = response.getResponses()[0];
		assertThat(single.getCertStatus()).isSameAs(CertificateStatus.GOOD);
		assertThat(single.getCertID().getSerialNumber()).isEqualTo(new BigInteger(issued.serialNumber(), 16));
		assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
		assertThat(DEROctetString
			.getInstance(response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue())
			.getOctets()).isEqualTo(nonce);
		X509CertificateHolder signer = response.getCerts()[0];
		assertThat(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))).isTrue();
		assertThat(signer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(this.ca))).isTrue();
		assertThat(signer.getExtension(Extension.extendedKeyUsage).getParsedValue().toString())
			.contains(KeyPurposeId.id_kp_OCSPSigning.getId());
		assertThat(signer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)).isNotNull();
		assertThat(this.client.authorities()).extracting(AuthorityCertificate::role)
			.containsExactly(AuthorityCertificate.CA, AuthorityCertificate.OCSP_SIGNER);
		assertThat(this.client.authorities().get(1).serialNumber())
			.isEqualTo(SerialNumbers.hex(signer.getSerialNumber()));
	}

	@Test
	void whenAskedAfterRevocationThenRevokedWithTimeAndReason() throws Exception {
		IssuedCertificate issued = issue("CN=ocsp-revoked");
		IssuedCertificate revoked = this.client.revoke(issued.serialNumber(),
				new RevokeRequest("cessationOfOperation", null, "ops"));

		SingleResp single = ask(new BigInteger(issued.serialNumber(), 16), null).getResponses()[0];

		assertThat(single.getCertStatus()).isInstanceOf(RevokedStatus.class);
		RevokedStatus status = (RevokedStatus) single.getCertStatus();
		assertThat(status.getRevocationTime().toInstant()).isEqualTo(revoked.revokedAt());
		assertThat(status.getRevocationReason()).isEqualTo(CRLReason.cessationOfOperation);
	}

	@Test
	void whenTheSerialWasNeverIssuedThenUnknown() throws Exception {
		SingleResp single = ask(new BigInteger("7EADBEEF00112233", 16), null).getResponses()[0];

		assertThat(single.getCertStatus()).isInstanceOf(UnknownStatus.class);
	}

	@Test
	void whenTheRequestIsGarbageThenMalformedRequestAndWhenAnotherIssuerThenUnauthorized() throws Exception {
		assertThat(new OCSPResp(this.client.ocsp(new byte[] { 0x30, 0x03, 0x01, 0x02, 0x03 })).getStatus())
			.isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
		X509Certificate stranger = Certificates.parse(issue("CN=not-a-ca").certificatePem());
		CertificateID foreign = new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(stranger), BigInteger.TEN);
		byte[] request = new OCSPReqBuilder().addRequest(foreign).build().getEncoded();

		assertThat(new OCSPResp(this.client.ocsp(request)).getStatus()).isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
	}

	@Test
	void whenTheSignerNearsItsExpiryThenANewOneSignsAndIsSealedAtRest() throws Exception {
		X509CertificateHolder before = ask(BigInteger.ONE, null).getCerts()[0];
		Instant renewal = before.getNotAfter().toInstant().minus(Duration.ofDays(7)).plusSeconds(60);
		this.clock.set(renewal);

		BasicOCSPResp response = ask(BigInteger.ONE, null);

		X509CertificateHolder after = response.getCerts()[0];
		assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
		assertThat(after.getNotAfter().toInstant()).isAfter(renewal.plus(Duration.ofDays(29)));
		assertThat(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(after))).isTrue();
		assertThat(response.getProducedAt().toInstant()).isEqualTo(renewal.truncatedTo(ChronoUnit.SECONDS));
	}

	private BasicOCSPResp ask(BigInteger serial, byte[] nonce) throws Exception {
		CertificateID id = new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(this.ca), serial);
		OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
		if (nonce != null) {
			builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(nonce).getEncoded())));
		}
		OCSPResp response = new OCSPResp(this.client.ocsp(builder.build().getEncoded()));
		assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		return (BasicOCSPResp) response.getResponseObject();
	}

	private IssuedCertificate issue(String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, "ocsp-tests", "default", null));
	}

}
