package io.keyward.scep;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK-first checks must decide the common cases on their own (else every request pays
 * for the Bouncy Castle path too) and must never accept what does not verify.
 */
class JdkFirstTests {

	private static final KeyPair keys = TestPki.rsa(2048);

	@Test
	void whenPkcs10IsSignedWithItsKeyThenTheJdkVerifiesIt() {
		assertThat(JdkFirst.verifies(TestPki.csr(keys, "CN=device1", "KW7Q2M9X4T8P3Z6R"))).isTrue();
	}

	@Test
	void whenPkcs10IsSignedWithEcdsaThenTheJdkVerifiesIt() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair ec = generator.generateKeyPair();
		PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device1"),
				ec.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ec.getPrivate()));
		assertThat(JdkFirst.verifies(csr)).isTrue();
	}

	@Test
	void whenPkcs10SignatureIsAlteredThenItDoesNotVerify() throws Exception {
		byte[] der = TestPki.csr(keys, "CN=device1", "KW7Q2M9X4T8P3Z6R").getEncoded();
		der[der.length - 5] ^= 0x01;
		assertThat(JdkFirst.verifies(new PKCS10CertificationRequest(der))).isFalse();
	}

	@Test
	void whenSignerInfoIsCheckedWithTheSignersKeyThenTheJdkVerifiesIt() throws Exception {
		SignerInformation signer = signerOf(PkcsReqFixture.pkcsReq("jdk-first-1"));
		assertThat(JdkFirst.verifies(signer, PkcsReqFixture.client.keys().getPublic())).isTrue();
	}

	@Test
	void whenSignerInfoIsCheckedWithAnotherKeyThenItDoesNotVerify() throws Exception {
		SignerInformation signer = signerOf(PkcsReqFixture.pkcsReq("jdk-first-2"));
		assertThat(JdkFirst.verifies(signer, keys.getPublic())).isFalse();
	}

	private static SignerInformation signerOf(byte[] pkiMessage) throws Exception {
		return new CMSSignedData(pkiMessage).getSignerInfos().getSigners().iterator().next();
	}

}
