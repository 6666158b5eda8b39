package io.keyward.ca.authority;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates a self-signed root CA: basicConstraints CA:true and keyUsage keyCertSign +
 * cRLSign + digitalSignature (+ keyEncipherment for RSA, RFC 8894 section 2.1.2, see
 * {@link CaKeyAlgorithm#caKeyUsage()}), both critical (RFC 5280 sections 4.2.1.9 and
 * 4.2.1.3), with a subject key identifier and an authority key identifier naming itself
 * (section 4.2.1.1).
 */
final class RootCertificates {

	/** Backdating absorbs clock skew between this CA and relying parties. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private RootCertificates() {
	}

	static RootCa create(CaKeyAlgorithm algorithm, X500Name subject, Period validity, Clock clock,
			SerialNumbers serials) {
		KeyPair keyPair = algorithm.generate();
		Instant now = clock.instant();
		Instant notBefore = now.minus(CLOCK_SKEW);
		Instant notAfter = now.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
		SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
		BigInteger serial = serials.next();
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			SubjectKeyIdentifier ski = extensions.createSubjectKeyIdentifier(publicKey);
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial, Date.from(notBefore),
					Date.from(notAfter), subject, publicKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, algorithm.caKeyUsage())
				.addExtension(Extension.subjectKeyIdentifier, false, ski)
				.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder
				.build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(keyPair.getPrivate())));
			return new RootCa(keyPair, certificate);
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("cannot create the root CA certificate", ex);
		}
	}

	record RootCa(KeyPair keyPair, X509Certificate certificate) {
	}

}
