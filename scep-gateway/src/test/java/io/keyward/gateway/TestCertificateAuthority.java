package io.keyward.gateway;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A real, minimal CA for tests: a self-signed RSA root that issues what the fake
 * ca-adapter is asked for, with key usage by template like the real templates.
 */
public final class TestCertificateAuthority {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyPair keyPair;

	private final X509Certificate certificate;

	public TestCertificateAuthority() {
		this("CN=Keyward Test CA,O=Keyward Tests");
	}

	/**
	 * @param subject the CA's subject; the same name as another CA's makes an impostor
	 */
	public TestCertificateAuthority(String subject) {
		try {
			this.keyPair = rsa();
			X500Name name = new X500Name(subject);
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
					this.keyPair.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			this.certificate = new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keyPair.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair rsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * @return its certificate and key as a SCEP recipient, as the ca-adapter holds them
	 */
	public io.keyward.scep.RecipientKey recipientKey() {
		return new io.keyward.scep.RecipientKey(this.certificate, this.keyPair.getPrivate());
	}

	/**
	 * @param csr the request
	 * @param template {@code ra-signing}, {@code ra-encryption} or any end-entity
	 * template
	 * @return the issued certificate
	 */
	public X509Certificate issue(PKCS10CertificationRequest csr, String template) throws Exception {
		return issue(csr, template, csr.getSubject());
	}

	/**
	 * @param subject the subject to certify instead of the CSR's (a renewal's)
	 */
	public X509Certificate issue(PKCS10CertificationRequest csr, String template, X500Name subject) throws Exception {
		JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csr);
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.certificate, serial(),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), subject,
				request.getPublicKey());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		switch (template) {
			case "ra-signing" ->
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			case "ra-encryption" ->
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
			case "tls-server" -> {
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
				// like the ca-adapter's tls-server template: the CSR's DNS and IP SANs
				builder.addExtension(Extension.subjectAlternativeName, false,
						request.getRequestedExtensions()
							.getExtension(Extension.subjectAlternativeName)
							.getParsedValue());
			}
			default -> {
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
			}
		}
		return new JcaX509CertificateConverter().getCertificate(
				builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keyPair.getPrivate())));
	}

	public static String pem(X509Certificate certificate) {
		try {
			StringWriter out = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
				writer.writeObject(certificate);
			}
			return out.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Eight bytes, the first below {@code 0x10}: OpenSSL shows such a serial with a
	 * leading zero ({@code 0F…}), the services store it without ({@code F…}), so a test
	 * that mixes the two spellings up fails every run rather than one in sixteen.
	 */
	private static BigInteger serial() {
		return new BigInteger(60, RANDOM).setBit(56);
	}

}
