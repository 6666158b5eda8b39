package io.keyward.scep;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A throw-away PKI for tests: a CA, an RA signing certificate (digitalSignature) and an
 * RA encryption certificate (keyEncipherment), all RSA 2048, plus CSR and issuing
 * helpers.
 */
public final class TestPki {

	private static final AtomicLong SERIAL = new AtomicLong(1000);

	public final KeyPair caKeys = rsa(2048);

	public final X509Certificate caCertificate;

	public final KeyPair raSigningKeys = rsa(2048);

	public final X509Certificate raSigningCertificate;

	public final KeyPair raEncryptionKeys = rsa(2048);

	public final X509Certificate raEncryptionCertificate;

	private static TestPki shared;

	private TestPki() {
		X500Name ca = new X500Name("CN=Test CA,O=Keyward Test");
		this.caCertificate = certificate(ca, this.caKeys, ca, this.caKeys.getPrivate(), true,
				KeyUsage.keyCertSign | KeyUsage.cRLSign);
		this.raSigningCertificate = certificate(new X500Name("CN=Test RA signing,O=Keyward Test"), this.raSigningKeys,
				ca, this.caKeys.getPrivate(), false, KeyUsage.digitalSignature);
		this.raEncryptionCertificate = certificate(new X500Name("CN=Test RA encryption,O=Keyward Test"),
				this.raEncryptionKeys, ca, this.caKeys.getPrivate(), false, KeyUsage.keyEncipherment);
	}

	/** One PKI per JVM: RSA key generation is the slow part of these tests. */
	public static synchronized TestPki shared() {
		if (shared == null) {
			shared = new TestPki();
		}
		return shared;
	}

	public static TestPki create() {
		return new TestPki();
	}

	public RecipientKey recipientKey() {
		return new RecipientKey(this.raEncryptionCertificate, this.raEncryptionKeys.getPrivate());
	}

	public CertRepEncoder encoder() {
		return new CertRepEncoder(this.raSigningCertificate, this.raSigningKeys.getPrivate());
	}

	public X509Certificate issue(PKCS10CertificationRequest csr) {
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
					new X500Name(this.caCertificate.getSubjectX500Principal().getName()), serial(),
					Date.from(Instant.now().minus(Duration.ofMinutes(1))),
					Date.from(Instant.now().plus(Duration.ofDays(30))), csr.getSubject(),
					csr.getSubjectPublicKeyInfo());
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.caKeys.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static PKCS10CertificationRequest csr(KeyPair keys, String subject, String challenge) {
		return csr(keys, subject, (challenge != null) ? new DERPrintableString(challenge) : null, null);
	}

	public static PKCS10CertificationRequest csr(KeyPair keys, String subject, ASN1Encodable challenge,
			GeneralNames subjectAltNames) {
		try {
			PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject),
					keys.getPublic());
			if (challenge != null) {
				builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, challenge);
			}
			if (subjectAltNames != null) {
				ExtensionsGenerator extensions = new ExtensionsGenerator();
				extensions.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
				builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
			}
			return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
			boolean ca, int keyUsage) {
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
					Date.from(Instant.now().minus(Duration.ofMinutes(1))),
					Date.from(Instant.now().plus(Duration.ofDays(365))), subject, keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(SERIAL.incrementAndGet());
	}

}
