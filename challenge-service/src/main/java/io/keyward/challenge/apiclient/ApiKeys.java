package io.keyward.challenge.apiclient;

import io.keyward.edge.caller.SecretTokens;

/**
 * MDM API keys: {@code kw_} followed by 43 base64url characters (256 random bits). The
 * prefix makes a leaked key easy to recognise for secret scanners.
 */
final class ApiKeys {

	static final String PREFIX = "kw_";

	private ApiKeys() {
	}

	static String generate() {
		return SecretTokens.generate(PREFIX);
	}

	/**
	 * @return lower-case hex SHA-256 of the key, as stored in {@code api_client.key_hash}
	 */
	static String digest(String key) {
		return SecretTokens.sha256Hex(key);
	}

}
