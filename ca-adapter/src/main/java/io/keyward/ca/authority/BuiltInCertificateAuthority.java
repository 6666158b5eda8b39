package io.keyward.ca.authority;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The built-in CA: signs end-entity certificates with a key held in memory after it was
 * unsealed once at start (unsealing per request would cost an AES-GCM open and a key
 * parse on the hot path for nothing).
 */
final class BuiltInCertificateAuthority implements CertificateAuthority {

	private final X509Certificate certificate;

	private final PrivateKey privateKey;

	private final CaKeyAlgorithm algorithm;

	private final X500Name issuer;

	private final byte[] keyIdentifier;

	private final Clock clock;

	private final SerialNumbers serials;

	BuiltInCertificateAuthority(X509Certificate certificate, PrivateKey privateKey, CaKeyAlgorithm algorithm,
			Clock clock, SerialNumbers serials) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.algorithm = algorithm;
		this.clock = clock;
		this.serials = serials;
		try {
			// the issuer field must repeat the CA subject's exact encoding (RFC 5280
			// section 7.1)
			this.issuer = new JcaX509CertificateHolder(certificate).getSubject();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot read the CA certificate", ex);
		}
		byte[] ski = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		this.keyIdentifier = (ski != null)
				? SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier()
				: null;
	}

	@Override
	public IssuedCertificate issue(CertificateSpec spec) {
		Instant now = this.clock.instant();
		Instant notBefore = now.minus(RootCertificates.CLOCK_SKEW);
		Instant notAfter = now.plus(spec.validity());
		Instant caNotAfter = this.certificate.getNotAfter().toInstant();
		// a certificate outliving its issuer fails path validation once the CA expires
		// (RFC 5280 section 6.1.3), so never sign past the CA's own notAfter
		if (notAfter.isAfter(caNotAfter)) {
			notAfter = caNotAfter;
		}
		if (!notAfter.isAfter(now)) {
			throw new IllegalStateException(
					"the CA certificate expired at " + caNotAfter + "; create a new CA before issuing again");
		}
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(this.issuer, this.serials.next(),
					Date.from(notBefore), Date.from(notAfter), spec.subject(), spec.publicKey())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()))
				.addExtension(Extension.subjectKeyIdentifier, false,
						new JcaX509ExtensionUtils().createSubjectKeyIdentifier(spec.publicKey()));
			if (this.keyIdentifier != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(this.keyIdentifier));
			}
			if (!spec.extendedKeyUsage().isEmpty()) {
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(spec.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
			}
			if (!spec.subjectAltNames().isEmpty()) {
				// an empty subject makes the SAN extension critical (RFC 5280 section
				// 4.2.1.6)
				builder.addExtension(Extension.subjectAlternativeName, spec.subject().getRDNs().length == 0,
						new GeneralNames(spec.subjectAltNames().toArray(GeneralName[]::new)));
			}
			JcaContentSignerBuilder signer = new JcaContentSignerBuilder(this.algorithm.signatureAlgorithm());
			return new IssuedCertificate(
					new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(this.privateKey))));
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("cannot sign a certificate", ex);
		}
	}

	@Override
	public List<X509Certificate> chain() {
		return List.of(this.certificate);
	}

	X509Certificate certificate() {
		return this.certificate;
	}

}
