package io.keyward.ca.template;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the ca-adapter stores the request it issued for, and that must not carry the
 * challenge password in clear.
 */
class CertificateSigningRequestTests {

	@Test
	void whenTheCsrCarriesAChallengePasswordThenTheStoredRequestDoesNot() throws Exception {
		KeyPair keys = ecKeys();
		byte[] der = csr(keys, "Secret-Challenge-4711");
		CertificateSigningRequest csr = CertificateSigningRequest.decode(Base64.getEncoder().encodeToString(der));

		byte[] stored = csr.withoutChallengePassword();

		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Secret-Challenge-4711");
		PKCS10CertificationRequest parsed = new PKCS10CertificationRequest(stored);
		assertThat(parsed.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)).isEmpty();
		assertThat(parsed.getSubject()).isEqualTo(csr.subject());
		assertThat(parsed.getSubjectPublicKeyInfo()).isEqualTo(csr.publicKey());
		assertThat(csr.sha256()).as("idempotency still keys on the request as received")
			.isEqualTo(CertificateSigningRequest.decode(Base64.getEncoder().encodeToString(der)).sha256());
	}

	@Test
	void whenTheCsrCarriesNoChallengePasswordThenItIsStoredAsReceived() throws Exception {
		byte[] der = csr(ecKeys(), null);
		CertificateSigningRequest csr = CertificateSigningRequest.decode(Base64.getEncoder().encodeToString(der));
		assertThat(csr.withoutChallengePassword()).isEqualTo(der);
	}

	private static KeyPair ecKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static byte[] csr(KeyPair keys, String challenge) throws Exception {
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
				new X500Principal("CN=device-1"), keys.getPublic());
		if (challenge != null) {
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge));
		}
		return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
	}

}
