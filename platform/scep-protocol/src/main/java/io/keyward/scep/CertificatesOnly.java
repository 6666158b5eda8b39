package io.keyward.scep;

import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * The degenerate certificates-only SignedData: version 1, no signers, eContentType
 * id-data with the eContent omitted. It is the messageData of a SUCCESS CertRep (issued
 * certificate first, the "leaf" of Table 6) and the GetCACert body for a chain or RA
 * certificates.
 * <p>
 * The certificates are written in the caller's order with definite-length (DL) encoding:
 * a DER re-encoding would sort the SET OF and could move the issued certificate out of
 * first place, where clients look for it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.4">RFC 8894 section
 * 3.4</a>
 */
public final class CertificatesOnly {

	private CertificatesOnly() {
	}

	/**
	 * Encodes certificates, order preserved.
	 * @param certs the certificates, leaf first
	 * @return the ContentInfo bytes
	 */
	public static byte[] encode(List<X509Certificate> certs) {
		return encode(certs, List.of());
	}

	/**
	 * Encodes certificates, order preserved, and CRLs (the GetCRL answer, RFC 8894
	 * section 3.3.4, holds one CRL and no certificate).
	 * @param certs the certificates, leaf first
	 * @param crls the CRLs
	 * @return the ContentInfo bytes
	 */
	public static byte[] encode(List<X509Certificate> certs, List<X509CRL> crls) {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			for (X509Certificate cert : certs) {
				generator.addCertificate(new JcaX509CertificateHolder(cert));
			}
			for (X509CRL crl : crls) {
				generator.addCRL(new JcaX509CRLHolder(crl));
			}
			return generator.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DL);
		}
		catch (CertificateEncodingException | CRLException | CMSException | IOException ex) {
			throw new IllegalStateException("cannot encode certificates-only SignedData", ex);
		}
	}

	/**
	 * Decodes the certificates in their encoded order.
	 * @param der a degenerate SignedData (DER or BER)
	 * @return the certificates
	 * @throws MalformedMessageException when the bytes are not a SignedData with
	 * certificates
	 */
	/**
	 * Decodes the CRLs.
	 * @param der a degenerate SignedData (DER or BER)
	 * @return the CRLs, possibly none
	 * @throws MalformedMessageException when the bytes are not a SignedData
	 */
	public static List<X509CRL> decodeCrls(byte[] der) throws MalformedMessageException {
		try {
			CMSSignedData signedData = new CMSSignedData(der);
			JcaX509CRLConverter converter = new JcaX509CRLConverter();
			List<X509CRL> crls = new ArrayList<>();
			for (X509CRLHolder holder : signedData.getCRLs().getMatches(null)) {
				crls.add(converter.getCRL(holder));
			}
			return crls;
		}
		catch (CMSException | CRLException | RuntimeException ex) {
			throw new MalformedMessageException("not a certificates-only SignedData", ex);
		}
	}

	@SuppressWarnings("unchecked")
	public static List<X509Certificate> decode(byte[] der) throws MalformedMessageException {
		try {
			CMSSignedData signedData = new CMSSignedData(der);
			Collection<X509CertificateHolder> holders = signedData.getCertificates().getMatches(null);
			JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
			List<X509Certificate> certs = new ArrayList<>(holders.size());
			for (X509CertificateHolder holder : holders) {
				certs.add(converter.getCertificate(holder));
			}
			return certs;
		}
		catch (CMSException | CertificateException | RuntimeException ex) {
			throw new MalformedMessageException("not a certificates-only SignedData", ex);
		}
	}

}
