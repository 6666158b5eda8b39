package io.keyward.api.challenge;

import java.util.List;

/**
 * Body of the management API's create call: a new MDM API client and its first key.
 *
 * @param name 1 to 100 letters, digits, '.', '_' or '-', unique
 * @param scopes what it may do ({@code challenge:mint}, {@code challenge:read},
 * {@code challenge:list}, {@code challenge:revoke}); at least one
 * @param profiles the challenge profiles it may mint for; null or empty for every profile
 * @param maxOutstanding its cap on outstanding challenges across its profiles; null or 0
 * for none (the profiles' own caps still apply)
 * @param ratePerSecond its own sustained calls per second; null for the default
 * @param rateBurst its own burst; null for the default
 * @param keyLabel a label for the first key; null for {@code initial}
 */
public record NewMdmClient(String name, List<String> scopes, List<String> profiles, Integer maxOutstanding,
		Integer ratePerSecond, Integer rateBurst, String keyLabel) {

	/**
	 * Every scope an MDM API client can be given, in the order the dashboard lists them.
	 */
	public static final List<String> SCOPES = List.of("challenge:mint", "challenge:read", "challenge:list",
			"challenge:revoke");

}
