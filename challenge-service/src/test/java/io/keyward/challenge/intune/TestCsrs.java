package io.keyward.challenge.intune;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A real RSA key, a PKCS#10 for it and a self-signed certificate (the Entra app's).
 */
final class TestCsrs {

	static final KeyPair KEYS = generate();

	private TestCsrs() {
	}

	/**
	 * @return standard base64 of a fresh CSR's DER
	 */
	static String csr(String commonName) {
		try {
			return Base64.getEncoder()
				.encodeToString(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + commonName),
						KEYS.getPublic())
					.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEYS.getPrivate()))
					.getEncoded());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static X509Certificate selfSigned(String commonName) {
		try {
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			X500Principal name = new X500Principal("CN=" + commonName);
			return new JcaX509CertificateConverter()
				.getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.getEpochSecond()),
						Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
						KEYS.getPublic())
					.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEYS.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
