package io.keyward.edge.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;

/**
 * The one SHA-256 of the services: digests of tokens, CSRs, keys and certificates, as
 * lower-case hex (the form stored in every table) or as colon-separated upper-case hex
 * (the form an admin compares with {@code openssl x509 -fingerprint -sha256}).
 */
public final class Sha256 {

	private static final HexFormat DISPLAY = HexFormat.ofDelimiter(":").withUpperCase();

	private Sha256() {
	}

	public static byte[] digest(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must implement SHA-256 (MessageDigest javadoc)
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return lower-case hex, 64 characters
	 */
	public static String hex(byte[] data) {
		return HexFormat.of().formatHex(digest(data));
	}

	/**
	 * @return lower-case hex of the UTF-8 bytes
	 */
	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @return lower-case hex of the certificate's DER encoding (its fingerprint, RFC 5280
	 * section 4.1)
	 * @throws IllegalStateException when the certificate cannot be encoded: these are
	 * certificates a service holds, so that is an internal error
	 */
	public static String hex(Certificate certificate) {
		try {
			return hex(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("certificate cannot be encoded", ex);
		}
	}

	/**
	 * @return upper-case hex pairs separated by colons, as openssl prints a fingerprint
	 */
	public static String display(byte[] data) {
		return DISPLAY.formatHex(digest(data));
	}

}
