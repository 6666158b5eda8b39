package io.keyward.ca.authority;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.keyward.edge.pem.Certificates;
import io.keyward.scep.RecipientKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
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

	private final String name;

	/**
	 * @return its certificate and key as a SCEP recipient (RFC 8894 section 2.2), for
	 * {@link CaRollover#scepRecipientKeys()} only
	 */
	RecipientKey recipientKey() {
		return new RecipientKey(this.certificate, this.privateKey);
	}

	/** Null leaves CRL Distribution Points and Authority Information Access out. */
	private final RevocationProperties revocation;

	BuiltInCertificateAuthority(String name, X509Certificate certificate, PrivateKey privateKey,
			CaKeyAlgorithm algorithm, Clock clock, SerialNumbers serials, RevocationProperties revocation) {
		this.name = name;
		this.revocation = revocation;
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
		try {
			X509v3CertificateBuilder builder = builder(spec.subject(), spec.publicKey(), spec.validity())
				.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
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
			for (Extension extension : spec.extensions()) {
				builder.addExtension(extension);
			}
			if (this.revocation != null) {
				addRevocationPointers(builder);
			}
			return new IssuedCertificate(sign(builder), this.name);
		}
		catch (CertIOException ex) {
			throw new IllegalStateException("cannot sign a certificate", ex);
		}
	}

	/**
	 * Where to check this certificate: the CRL (RFC 5280 section 4.2.1.13) and the OCSP
	 * responder (section 4.2.2.1, id-ad-ocsp), both at the public base URL.
	 */
	private void addRevocationPointers(X509v3CertificateBuilder builder) throws CertIOException {
		GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, this.revocation.crlUrl(this.name));
		builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
				new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null) }));
		builder.addExtension(Extension.authorityInfoAccess, false,
				new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
						new GeneralName(GeneralName.uniformResourceIdentifier, this.revocation.ocspUrl())));
	}

	/**
	 * The delegated OCSP signing certificate (RFC 6960 section 4.2.2.2):
	 * id-kp-OCSPSigning and id-pkix-ocsp-nocheck (section 4.2.2.2.1), so clients do not
	 * ask whether the responder itself is revoked.
	 */
	X509Certificate issueOcspSigner(X500Name subject, SubjectPublicKeyInfo publicKey, Duration validity) {
		try {
			X509v3CertificateBuilder builder = builder(subject, publicKey, validity)
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
				.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
			return sign(builder);
		}
		catch (CertIOException ex) {
			throw new IllegalStateException("cannot sign the OCSP signing certificate", ex);
		}
	}

	/**
	 * A link certificate (RFC 4210 section 4.4): another CA key certified by this CA, so
	 * that relying parties that trust one of the two keys can reach the other. It is a CA
	 * certificate (basicConstraints CA:true, keyCertSign and cRLSign) valid from now
	 * until {@code notAfter}, capped at this CA's own notAfter.
	 * @param subject the other CA's subject
	 * @param publicKey the other CA's key
	 * @param notAfter the end of the overlap
	 * @return the link certificate
	 */
	X509Certificate certifyCaKey(X500Name subject, SubjectPublicKeyInfo publicKey, Instant notAfter) {
		Instant now = this.clock.instant();
		Instant caNotAfter = this.certificate.getNotAfter().toInstant();
		Instant end = notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter;
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(this.issuer, this.serials.next(),
					Date.from(now.minus(RootCertificates.CLOCK_SKEW)), Date.from(end), subject, publicKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false,
						new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
			if (this.keyIdentifier != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(this.keyIdentifier));
			}
			return sign(builder);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("cannot sign a link certificate", ex);
		}
	}

	@Override
	public X509CRLHolder signCrl(X509v2CRLBuilder crl) {
		try {
			if (this.keyIdentifier != null) {
				crl.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(this.keyIdentifier));
			}
			return crl.build(new JcaContentSignerBuilder(this.algorithm.signatureAlgorithm()).build(this.privateKey));
		}
		catch (CertIOException | OperatorCreationException ex) {
			throw new IllegalStateException("cannot sign a CRL", ex);
		}
	}

	/**
	 * Serial, issuer, validity capped at the CA's own, basic constraints and key
	 * identifiers: what every certificate this CA signs has.
	 */
	private X509v3CertificateBuilder builder(X500Name subject, SubjectPublicKeyInfo publicKey, Duration validity)
			throws CertIOException {
		Instant now = this.clock.instant();
		Instant notBefore = now.minus(RootCertificates.CLOCK_SKEW);
		Instant notAfter = now.plus(validity);
		Instant caNotAfter = this.certificate.getNotAfter().toInstant();
		// a certificate outliving its issuer fails path validation once the CA expires
		// (RFC 5280 section 6.1.3), so never sign past the CA's own notAfter
		if (notAfter.isAfter(caNotAfter)) {
			notAfter = caNotAfter;
		}
		if (!notAfter.isAfter(now)) {
			throw new CaCertificateExpired(this.name, caNotAfter);
		}
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(this.issuer, this.serials.next(),
					Date.from(notBefore), Date.from(notAfter), subject, publicKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.subjectKeyIdentifier, false,
						new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
			if (this.keyIdentifier != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						new AuthorityKeyIdentifier(this.keyIdentifier));
			}
			return builder;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot compute a subject key identifier", ex);
		}
	}

	private X509Certificate sign(X509v3CertificateBuilder builder) {
		try {
			JcaContentSignerBuilder signer = new JcaContentSignerBuilder(this.algorithm.signatureAlgorithm());
			return Certificates.read(builder.build(signer.build(this.privateKey)).getEncoded());
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
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

	@Override
	public String name() {
		return this.name;
	}

	CaKeyAlgorithm algorithm() {
		return this.algorithm;
	}

	X500Name subject() {
		return this.issuer;
	}

}
