package io.keyward.challenge.apiclient;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a presented MDM API key into an authenticated {@link ApiClientPrincipal} with one
 * authority per scope. The key is looked up by its SHA-256: the database compares
 * digests, never keys, so the comparison leaks nothing about a key.
 */
@Component
public class ApiKeyAuthentication {

	private static final int MAX_KEY_LENGTH = 512;

	private final ApiClientRepository clients;

	ApiKeyAuthentication(ApiClientRepository clients) {
		this.clients = clients;
	}

	/**
	 * @param presented the bearer token
	 * @return the authenticated client, or null when the key is unknown
	 */
	public @Nullable Authentication authenticate(String presented) {
		if (presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
			return null;
		}
		return this.clients.findByKeyHash(ApiKeys.digest(presented))
			.map(ApiKeyAuthentication::toAuthentication)
			.orElse(null);
	}

	private static Authentication toAuthentication(ApiClient client) {
		List<SimpleGrantedAuthority> authorities = client.scopes()
			.stream()
			.map((scope) -> new SimpleGrantedAuthority(ApiScopes.authority(scope)))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(new ApiClientPrincipal(client.id(), client.name()),
				null, authorities);
	}

}
