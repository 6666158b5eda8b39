package io.keyward.edge.caller;

/**
 * A scope names one thing a caller may do ({@code certificates:issue}); Spring Security
 * sees it as the authority {@code SCOPE_certificates:issue}, the spelling its OAuth 2
 * resource server uses too.
 */
public final class Scopes {

	private static final String PREFIX = "SCOPE_";

	private Scopes() {
	}

	/**
	 * @param scope for example {@code certificates:issue}
	 * @return {@code SCOPE_certificates:issue}
	 */
	public static String authority(String scope) {
		return PREFIX + scope;
	}

}
