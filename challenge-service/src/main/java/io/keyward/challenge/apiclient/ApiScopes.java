package io.keyward.challenge.apiclient;

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

}
