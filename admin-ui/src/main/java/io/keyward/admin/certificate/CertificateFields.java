package io.keyward.admin.certificate;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.SerialNumbers;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.scep.SubjectAltNames;
import io.keyward.edge.fingerprint.Sha256;

/**
 * A certificate decoded for the detail page: every field an admin checks, as text. All of
 * it is attacker-influenced (the subject and SANs come from a CSR), so the template
 * prints it only with {@code th:text}.
 *
 * @param serial the serial as the certificate encodes it, upper-case hex with its leading
 * zero bytes
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN
 * @param notBefore start of validity, UTC
 * @param notAfter end of validity, UTC
 * @param publicKey algorithm and size, e.g. {@code RSA 2048}
 * @param signatureAlgorithm e.g. {@code SHA256withRSA}
 * @param subjectAltNames as {@code type:value}
 * @param keyUsage key usage bit names
 * @param extendedKeyUsage EKU names or OIDs
 * @param extensions every extension by name with its criticality and decoded value
 * @param sha256Fingerprint colon-separated SHA-256 of the DER
 * @param der the DER encoding, for download
 */
record CertificateFields(String serial, String subject, String issuer, String notBefore, String notAfter,
		String publicKey, String signatureAlgorithm, List<String> subjectAltNames, List<String> keyUsage,
		List<String> extendedKeyUsage, List<CertificateExtensions> extensions, String sha256Fingerprint, byte[] der) {

	/**
	 * @param pem the certificate
	 * @return its fields
	 * @throws IllegalStateException when the PEM does not hold a certificate
	 */
	static CertificateFields decode(String pem) {
		X509Certificate certificate = CertificatePem.parse(pem);
		try {
			byte[] der = certificate.getEncoded();
			List<CertificateExtensions> extensions = CertificateExtensions.of(certificate);
			return new CertificateFields(serial(certificate), certificate.getSubjectX500Principal().getName(),
					certificate.getIssuerX500Principal().getName(),
					Timestamps.utc(certificate.getNotBefore().toInstant()),
					Timestamps.utc(certificate.getNotAfter().toInstant()), publicKey(certificate.getPublicKey()),
					certificate.getSigAlgName(), SubjectAltNames.of(certificate), keyUsage(extensions),
					extendedKeyUsage(certificate), extensions, Sha256.display(der), der);
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("certificate cannot be decoded", ex);
		}
	}

	/**
	 * The serial's bytes as the certificate encodes them, leading zero bytes kept, as
	 * {@code openssl x509 -serial} prints them; without the sign byte DER adds to a
	 * number whose top bit is set.
	 */
	private static String serial(X509Certificate certificate) {
		return SerialNumbers.hex(certificate.getSerialNumber());
	}

	/**
	 * The key's algorithm and size, and for an EC key its named curve (RFC 5480 section
	 * 2.1.1.1), e.g. {@code EC 256 (P-256)}.
	 */
	private static String publicKey(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded())
				.getAlgorithm()
				.getParameters();
			String curve = (parameters instanceof ASN1ObjectIdentifier oid) ? curve(oid) : null;
			return "EC " + ec.getParams().getCurve().getField().getFieldSize()
					+ ((curve != null) ? " (" + curve + ")" : " (explicit curve parameters)");
		}
		return key.getAlgorithm();
	}

	/** NIST's name where it has one (P-256), else the X9.62 or SEC name. */
	private static String curve(ASN1ObjectIdentifier oid) {
		String nist = NISTNamedCurves.getName(oid);
		return (nist != null) ? nist : ECNamedCurveTable.getName(oid);
	}

	private static List<String> keyUsage(List<CertificateExtensions> extensions) {
		return extensions.stream()
			.filter((extension) -> extension.name().equals("keyUsage"))
			.flatMap((extension) -> extension.values().stream())
			.toList();
	}

	private static List<String> extendedKeyUsage(X509Certificate certificate) throws CertificateParsingException {
		List<String> oids = certificate.getExtendedKeyUsage();
		return (oids != null) ? oids.stream().map(ObjectNames::named).toList() : List.of();
	}

}
