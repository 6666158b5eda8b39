package io.keyward.edge.fingerprint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CA thumbprint as NDES's {@code mscep_admin} page prints it: the MD5 of the CA
 * certificate's DER in upper-case hex, 4 groups of 8 ({@code A656FA66 AB12B433 A2DA5CF7
 * CC153D9A}; protocol brief section 5.2). MDMs that parse that page compare it with the
 * certificate GetCACert answers (RFC 8894 section 4.2.1). MD5 here is a legacy label, not
 * a security check; the dashboard shows SHA-256 beside it.
 */
public final class NdesThumbprint {

	private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

	private NdesThumbprint() {
	}

	/**
	 * @param der a certificate's DER encoding
	 * @return its MD5 in 4 space-separated groups of 8 upper-case hex digits
	 */
	public static String of(byte[] der) {
		try {
			String hex = UPPER_HEX.formatHex(MessageDigest.getInstance("MD5").digest(der));
			return String.join(" ", hex.substring(0, 8), hex.substring(8, 16), hex.substring(16, 24),
					hex.substring(24));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java SE platform ships MD5 (MessageDigest javadoc)
			throw new IllegalStateException(ex);
		}
	}

}
