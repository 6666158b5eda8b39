package io.keyward.scep;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.RecipientIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * A configured {@link RecipientKey} and the two ways a KeyTransRecipientInfo may name its
 * certificate: issuerAndSerialNumber, or subjectKeyIdentifier (RFC 5652 section 6.2.1),
 * taken from the certificate's extension or, when it has none, computed by method 1 of
 * RFC 5280 section 4.2.1.2 as clients do. {@code key} is null for a certificate whose key
 * is held by a {@link DelegatedRecipient}.
 */
record RecipientMatch(RecipientKey key, X509Certificate certificate, IssuerAndSerialNumber issuerAndSerial,
		byte[] subjectKeyIdentifier) {

	static RecipientMatch of(RecipientKey key) {
		return of(key, key.certificate());
	}

	/**
	 * @param certificate a certificate whose key is held elsewhere
	 * ({@link DelegatedRecipient})
	 * @return a match without a key
	 */
	static RecipientMatch of(X509Certificate certificate) {
		return of(null, certificate);
	}

	private static RecipientMatch of(RecipientKey key, X509Certificate recipient) {
		try {
			X509CertificateHolder holder = new JcaX509CertificateHolder(recipient);
			Certificate certificate = holder.toASN1Structure();
			SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(holder.getExtensions());
			if (ski == null) {
				ski = new BcX509ExtensionUtils().createSubjectKeyIdentifier(holder.getSubjectPublicKeyInfo());
			}
			return new RecipientMatch(key, recipient,
					new IssuerAndSerialNumber(certificate.getIssuer(), certificate.getSerialNumber().getValue()),
					ski.getKeyIdentifier());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalArgumentException("recipient certificate cannot be encoded", ex);
		}
	}

	boolean matches(RecipientIdentifier identifier) {
		try {
			return matchesOrThrows(identifier);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private boolean matchesOrThrows(RecipientIdentifier identifier) {
		if (identifier.isTagged()) {
			return Arrays.equals(this.subjectKeyIdentifier,
					ASN1OctetString.getInstance(identifier.getId()).getOctets());
		}
		IssuerAndSerialNumber named = IssuerAndSerialNumber.getInstance(identifier.getId());
		return named.getName().equals(this.issuerAndSerial.getName())
				&& named.getSerialNumber().equals(this.issuerAndSerial.getSerialNumber());
	}

}
