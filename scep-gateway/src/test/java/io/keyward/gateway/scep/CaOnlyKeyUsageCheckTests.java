package io.keyward.gateway.scep;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.keyward.gateway.TestCertificateAuthority;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usages RFC 8894 section 2.1.2 asks of a CA certificate a SCEP client uses directly.
 */
class CaOnlyKeyUsageCheckTests {

	private static final int CA_USAGES = KeyUsage.keyCertSign | KeyUsage.cRLSign;

	@Test
	void whenAnRsaCaHasOnlyCaUsagesThenDigitalSignatureAndKeyEnciphermentAreMissing() throws Exception {
		assertThat(CaOnlyKeyUsageCheck.missingUsages(ca("RSA", CA_USAGES))).containsExactly("digitalSignature",
				"keyEncipherment");
	}

	@Test
	void whenAnRsaCaHasTheScepUsagesThenNoneIsMissing() throws Exception {
		assertThat(CaOnlyKeyUsageCheck
			.missingUsages(ca("RSA", CA_USAGES | KeyUsage.digitalSignature | KeyUsage.keyEncipherment))).isEmpty();
	}

	@Test
	void whenAnEcCaHasDigitalSignatureThenNoneIsMissing() throws Exception {
		assertThat(CaOnlyKeyUsageCheck.missingUsages(ca("EC", CA_USAGES | KeyUsage.digitalSignature))).isEmpty();
		assertThat(CaOnlyKeyUsageCheck.missingUsages(ca("EC", CA_USAGES))).containsExactly("digitalSignature");
	}

	@Test
	void whenTheCaHasNoKeyUsageExtensionThenNoneIsMissing() throws Exception {
		assertThat(CaOnlyKeyUsageCheck.missingUsages(ca("RSA", -1))).isEmpty();
	}

	@Test
	void whenTheTestCaHasTheOldUsagesThenBothAreMissing() {
		assertThat(CaOnlyKeyUsageCheck.missingUsages(new TestCertificateAuthority().certificate()))
			.containsExactly("digitalSignature", "keyEncipherment");
	}

	private static X509Certificate ca(String keyType, int usage) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
		generator.initialize(keyType.equals("RSA") ? 2048 : 256);
		KeyPair keyPair = generator.generateKeyPair();
		X500Name name = new X500Name("CN=Usage Test CA");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
				keyPair.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		if (usage >= 0) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
		}
		String algorithm = keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate())));
	}

}
