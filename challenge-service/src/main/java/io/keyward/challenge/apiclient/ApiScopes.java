package io.keyward.challenge.apiclient;

/**
 * What an MDM API client may do. Each scope becomes the authority {@code SCOPE_<scope>}.
 */
public final class ApiScopes {

	/** Mint challenges with {@code POST /api/v1/challenges}. */
	public static final String CHALLENGE_MINT = "challenge:mint";

	/** Read one of its own challenges with {@code GET /api/v1/challenges/{id}}. */
	public static final String CHALLENGE_READ = "challenge:read";

	/** List its own challenges with {@code GET /api/v1/challenges}. */
	public static final String CHALLENGE_LIST = "challenge:list";

	/**
	 * Revoke one of its own outstanding challenges with {@code DELETE
	 * /api/v1/challenges/{id}}.
	 */
	public static final String CHALLENGE_REVOKE = "challenge:revoke";

	/** Every scope, what the bootstrap client holds. */
	public static final String ALL = String.join(" ", CHALLENGE_MINT, CHALLENGE_READ, CHALLENGE_LIST, CHALLENGE_REVOKE);

	private ApiScopes() {
	}

	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
