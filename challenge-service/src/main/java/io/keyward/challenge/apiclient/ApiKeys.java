package io.keyward.challenge.apiclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * MDM API keys: {@code kw_} followed by 43 base64url characters (256 random bits). The
 * prefix makes a leaked key easy to recognise for secret scanners.
 */
final class ApiKeys {

	static final String PREFIX = "kw_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeys() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * @return lower-case hex SHA-256 of the key, as stored in {@code api_client.key_hash}
	 */
	static String digest(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
