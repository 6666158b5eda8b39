package io.keyward.admin.authority;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import io.keyward.edge.fingerprint.NdesThumbprint;
import io.keyward.edge.fingerprint.Sha256;
import io.keyward.edge.pem.CertificatePem;

/**
 * The issuing CA certificate's fingerprints in the forms MDM profiles ask for: SHA-256
 * (Jamf, Intune's trusted certificate, Apple's {@code CAFingerprint}), SHA-1 (Windows'
 * "thumbprint") and MD5 as NDES's {@code mscep_admin} page prints it, 4 groups of 8
 * upper-case hex digits. Each is a hash of the certificate's DER, as GetCACert answers it
 * (RFC 8894 section 4.2.1).
 *
 * @param subject the CA's subject DN
 * @param sha256 colon-separated upper-case hex
 * @param sha1 colon-separated upper-case hex
 * @param ndesMd5 e.g. {@code A656FA66 AB12B433 A2DA5CF7 CC153D9A}
 */
public record CaFingerprints(String subject, String sha256, String sha1, String ndesMd5) {

	private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

	/**
	 * @param pem the CA certificate
	 * @throws IllegalStateException when it does not hold a certificate
	 */
	public static CaFingerprints of(String pem) {
		X509Certificate certificate = CertificatePem.parse(pem);
		try {
			byte[] der = certificate.getEncoded();
			return new CaFingerprints(certificate.getSubjectX500Principal().getName(), Sha256.display(der),
					COLONS.formatHex(MessageDigest.getInstance("SHA-1").digest(der)), NdesThumbprint.of(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("CA certificate cannot be hashed", ex);
		}
	}

}
