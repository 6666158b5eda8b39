package io.keyward.challenge.apiclient;

import org.springframework.security.core.Authentication;

/**
 * What an MDM API client may do. Each scope becomes the authority {@code SCOPE_<scope>}.
 */
public final class ApiScopes {

	/** Mint challenges with {@code POST /api/v1/challenges}. */
	public static final String CHALLENGE_MINT = "challenge:mint";

	private ApiScopes() {
	}

	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

	/**
	 * @param client an authenticated client
	 * @param scope a scope
	 * @return whether the client holds it
	 */
	public static boolean grants(Authentication client, String scope) {
		String authority = authority(scope);
		return client.getAuthorities().stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

}
