package io.keyward.admin.token;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a presented admin API token into an authentication holding one authority per
 * scope of the token.
 */
@Component
public class AdminTokenAuthentication {

	private final AdminTokens tokens;

	AdminTokenAuthentication(AdminTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * @param presented the bearer token
	 * @return the authenticated token, or null when it is unknown or revoked
	 */
	public @Nullable Authentication authenticate(String presented) {
		return this.tokens.authenticate(presented).map(AdminTokenAuthentication::toAuthentication).orElse(null);
	}

	private static Authentication toAuthentication(AdminToken token) {
		List<SimpleGrantedAuthority> authorities = token.scopes()
			.stream()
			.map((scope) -> new SimpleGrantedAuthority(scope.authority()))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(new AdminTokenPrincipal(token.id(), token.name()),
				null, authorities);
	}

}
