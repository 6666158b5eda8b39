package io.keyward.gateway.completion;

import java.security.KeyPair;

import io.keyward.gateway.TestCertificateAuthority;
import io.keyward.scep.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the redemption tells the challenge-service which key usages the CSR asks for,
 * so that a challenge bound to a key usage can be checked.
 */
class ChallengeSpendingKeyUsageTests {

	@Test
	void whenTheCsrAsksForKeyUsagesThenTheRedemptionNamesThemInRfc5280Terms() throws Exception {
		CertificationRequest csr = csr(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
		assertThat(ChallengeSpending.keyUsage(csr)).containsExactly("digitalSignature", "keyEncipherment");
	}

	@Test
	void whenTheCsrAsksForNoKeyUsageThenEmpty() throws Exception {
		assertThat(ChallengeSpending.keyUsage(csr(null))).isEmpty();
	}

	private static CertificationRequest csr(KeyUsage keyUsage) throws Exception {
		KeyPair key = TestCertificateAuthority.rsa();
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
				new X500Name("CN=key-usage"), key.getPublic());
		if (keyUsage != null) {
			ExtensionsGenerator extensions = new ExtensionsGenerator();
			extensions.addExtension(Extension.keyUsage, true, keyUsage);
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
		}
		return CertificationRequest
			.parse(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded());
	}

}
