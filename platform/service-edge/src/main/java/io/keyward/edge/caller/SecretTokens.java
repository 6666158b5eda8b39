package io.keyward.edge.caller;

import java.security.SecureRandom;
import java.util.Base64;

import io.keyward.edge.fingerprint.Sha256;

/**
 * Bearer secrets handed to callers (MDM API keys, admin API tokens): a recognisable
 * prefix, so that secret scanners spot a leaked one, and 256 random bits in base64url.
 * Only their SHA-256 is stored; a high-entropy secret needs no slow hash, and the
 * database then compares digests, never secrets.
 */
public final class SecretTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretTokens() {
	}

	/**
	 * @param prefix for example {@code kw_}
	 * @return the prefix followed by 43 base64url characters
	 */
	public static String generate(String prefix) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * @param secret the secret as presented
	 * @return lower-case hex SHA-256 of its UTF-8 bytes
	 */
	public static String sha256Hex(String secret) {
		return Sha256.hex(secret);
	}

}
