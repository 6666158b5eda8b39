package io.keyward.challenge.apiclient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic authentication (RFC 7617) of an MDM API client for the surfaces MDMs scrape
 * or call with a user name and password: the NDES {@code mscep_admin} page, Jamf Pro's
 * webhook and the MicroMDM {@code GET /challenge}. The password is the client's API key,
 * checked by {@link ApiKeyAuthentication} (by its SHA-256, so in effect in constant
 * time); the user name must then be the client's own name, so a key is never accepted
 * under another client's name. Windows account forms are accepted as NDES accepts them:
 * {@code DOMAIN\\user} and {@code user@domain} both mean {@code user}.
 */
@Component
public class BasicApiClientAuthentication {

	private static final String BASIC = "Basic ";

	/** Bounds the decoded header: a user name and a key of at most 512 characters. */
	private static final int MAX_HEADER_LENGTH = 2048;

	private final ApiKeyAuthentication keys;

	BasicApiClientAuthentication(ApiKeyAuthentication keys) {
		this.keys = keys;
	}

	/**
	 * @param authorization the {@code Authorization} header, may be null
	 * @return the client whose name is the user (domain stripped) and whose key is the
	 * password, or null for anything else
	 */
	public @Nullable Authentication authenticateByName(@Nullable String authorization) {
		String[] credentials = decode(authorization);
		if (credentials == null) {
			return null;
		}
		Authentication client = this.keys.authenticate(credentials[1]);
		if (client == null || !(client.getPrincipal() instanceof ApiClientPrincipal principal)
				|| !principal.name().equalsIgnoreCase(accountName(credentials[0]))) {
			return null;
		}
		return client;
	}

	/**
	 * @param authorization the {@code Authorization} header, may be null
	 * @param user the one user name the dialect sends (MicroMDM: {@code api})
	 * @return the client whose key is the password, or null
	 */
	public @Nullable Authentication authenticateAs(@Nullable String authorization, String user) {
		String[] credentials = decode(authorization);
		if (credentials == null || !credentials[0].equals(user)) {
			return null;
		}
		return this.keys.authenticate(credentials[1]);
	}

	/**
	 * @param user a user name as typed into an MDM
	 * @return the account name without its Windows domain
	 */
	static String accountName(String user) {
		String name = user.substring(user.lastIndexOf('\\') + 1);
		int at = name.indexOf('@');
		return ((at >= 0) ? name.substring(0, at) : name).toLowerCase(Locale.ROOT);
	}

	private static String @Nullable [] decode(@Nullable String authorization) {
		if (authorization == null || authorization.length() > MAX_HEADER_LENGTH
				|| !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return null;
		}
		return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
	}

}
