package io.keyward.challenge.apiclient;

import java.util.List;

import io.keyward.api.challenge.NewMdmClient;
import org.springframework.security.core.Authentication;

/**
 * What an MDM API client may do. Each scope becomes the authority {@code SCOPE_<scope>}.
 */
public final class ApiScopes {

	/** Mint challenges with {@code POST /api/v1/challenges}. */
	public static final String CHALLENGE_MINT = "challenge:mint";

	/** Read one challenge it minted ({@code GET /api/v1/challenges/{id}}). */
	public static final String CHALLENGE_READ = "challenge:read";

	/** List the challenges it minted. */
	public static final String CHALLENGE_LIST = "challenge:list";

	/** Revoke a challenge it minted ({@code DELETE /api/v1/challenges/{id}}). */
	public static final String CHALLENGE_REVOKE = "challenge:revoke";

	/**
	 * Every scope an MDM API client can be given, in the order the dashboard lists them.
	 */
	public static final List<String> ALL = NewMdmClient.SCOPES;

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
