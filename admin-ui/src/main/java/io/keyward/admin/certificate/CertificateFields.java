package io.keyward.admin.certificate;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * @param extensions OID and name of every extension, critical ones marked
 * @param sha256Fingerprint colon-separated SHA-256 of the DER
 * @param der the DER encoding, for download
 */
record CertificateFields(String serial, String subject, String issuer, String notBefore, String notAfter,
		String publicKey, String signatureAlgorithm, List<String> subjectAltNames, List<String> keyUsage,
		List<String> extendedKeyUsage, List<String> extensions, String sha256Fingerprint, byte[] der) {

	private static final String[] KEY_USAGE = { "digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly" };

	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("2.5.29.14", "subjectKeyIdentifier"),
			Map.entry("2.5.29.15", "keyUsage"), Map.entry("2.5.29.17", "subjectAltName"),
			Map.entry("2.5.29.19", "basicConstraints"), Map.entry("2.5.29.31", "cRLDistributionPoints"),
			Map.entry("2.5.29.32", "certificatePolicies"), Map.entry("2.5.29.35", "authorityKeyIdentifier"),
			Map.entry("2.5.29.37", "extKeyUsage"), Map.entry("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
			Map.entry("1.3.6.1.5.5.7.3.1", "serverAuth"), Map.entry("1.3.6.1.5.5.7.3.2", "clientAuth"),
			Map.entry("1.3.6.1.5.5.7.3.4", "emailProtection"), Map.entry("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
			Map.entry("1.3.6.1.4.1.311.20.2.2", "smartcardLogon"), Map.entry("1.3.6.1.4.1.311.25.2", "ntdsSecurity"));

	/**
	 * @param pem the certificate
	 * @return its fields
	 * @throws IllegalStateException when the PEM does not hold a certificate
	 */
	static CertificateFields decode(String pem) {
		X509Certificate certificate = CertificatePem.parse(pem);
		try {
			byte[] der = certificate.getEncoded();
			return new CertificateFields(serial(certificate), certificate.getSubjectX500Principal().getName(),
					certificate.getIssuerX500Principal().getName(),
					Timestamps.utc(certificate.getNotBefore().toInstant()),
					Timestamps.utc(certificate.getNotAfter().toInstant()), publicKey(certificate.getPublicKey()),
					certificate.getSigAlgName(), SubjectAltNames.of(certificate), keyUsage(certificate),
					extendedKeyUsage(certificate), extensions(certificate), Sha256.display(der), der);
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

	private static String publicKey(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return "EC " + ec.getParams().getCurve().getField().getFieldSize();
		}
		return key.getAlgorithm();
	}

	private static List<String> keyUsage(X509Certificate certificate) {
		boolean[] bits = certificate.getKeyUsage();
		List<String> names = new ArrayList<>();
		for (int i = 0; bits != null && i < bits.length && i < KEY_USAGE.length; i++) {
			if (bits[i]) {
				names.add(KEY_USAGE[i]);
			}
		}
		return names;
	}

	private static List<String> extendedKeyUsage(X509Certificate certificate) throws CertificateParsingException {
		List<String> oids = certificate.getExtendedKeyUsage();
		return (oids != null) ? oids.stream().map(CertificateFields::named).toList() : List.of();
	}

	private static List<String> extensions(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		Set<String> critical = certificate.getCriticalExtensionOIDs();
		Set<String> all = new TreeSet<>();
		if (critical != null) {
			all.addAll(critical);
		}
		if (certificate.getNonCriticalExtensionOIDs() != null) {
			all.addAll(certificate.getNonCriticalExtensionOIDs());
		}
		for (String oid : all) {
			names.add(named(oid) + ((critical != null && critical.contains(oid)) ? " (critical)" : ""));
		}
		return names;
	}

	private static String named(String oid) {
		String name = NAMES.get(oid);
		return (name != null) ? name + " (" + oid + ")" : oid;
	}

}
