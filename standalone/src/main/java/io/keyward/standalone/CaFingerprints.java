package io.keyward.standalone;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The CA certificate's fingerprints in the forms MDM profiles ask for: SHA-256 (Apple's
 * SCEP payload, micromdm's {@code -ca-fingerprint}), and the SHA-1 and MD5 thumbprints
 * older Intune and Jamf forms take, as upper-case hex without separators, the way NDES
 * and Windows' certificate dialog show a thumbprint.
 *
 * @param subject the CA's subject
 * @param sha256 SHA-256 of the DER certificate
 * @param sha1 SHA-1 thumbprint
 * @param md5 MD5 thumbprint
 */
record CaFingerprints(String subject, String sha256, String sha1, String md5) {

	static CaFingerprints of(X509Certificate ca) {
		try {
			byte[] der = ca.getEncoded();
			return new CaFingerprints(ca.getSubjectX500Principal().getName(), digest("SHA-256", der),
					digest("SHA-1", der), digest("MD5", der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot fingerprint the CA certificate", ex);
		}
	}

	private static String digest(String algorithm, byte[] der) throws GeneralSecurityException {
		return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
	}

}
