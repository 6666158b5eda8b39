package io.keyward.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * The bearer tokens a service accepts from its callers. Several may be valid at once so a
 * token can be rotated without downtime. Only SHA-256 digests are kept in memory; a
 * presented token is digested and compared with {@link MessageDigest#isEqual} (constant
 * time) against every accepted digest.
 */
public final class ServiceTokens {

	private final List<byte[]> digests;

	private ServiceTokens(List<byte[]> digests) {
		this.digests = digests;
	}

	/**
	 * @param tokens the accepted tokens in clear; blank entries are ignored
	 * @return the accepted set
	 * @throws IllegalArgumentException when no usable token is given or one is shorter
	 * than 16 characters
	 */
	public static ServiceTokens of(Collection<String> tokens) {
		List<byte[]> digests = tokens.stream()
			.filter((token) -> token != null && !token.isBlank())
			.map(String::strip)
			.peek(ServiceTokens::requireStrong)
			.map(ServiceTokens::sha256)
			.toList();
		if (digests.isEmpty()) {
			throw new IllegalArgumentException("no service token configured: set keyward.security.service-tokens");
		}
		return new ServiceTokens(digests);
	}

	private static void requireStrong(String token) {
		if (token.length() < 16) {
			throw new IllegalArgumentException("a service token must be at least 16 characters long");
		}
	}

	/**
	 * @param presented the token a caller sent, may be null
	 * @return whether it is one of the accepted tokens
	 */
	public boolean accepts(String presented) {
		if (presented == null || presented.isEmpty()) {
			return false;
		}
		byte[] candidate = sha256(presented);
		boolean match = false;
		for (byte[] digest : this.digests) {
			match |= MessageDigest.isEqual(digest, candidate);
		}
		return match;
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
