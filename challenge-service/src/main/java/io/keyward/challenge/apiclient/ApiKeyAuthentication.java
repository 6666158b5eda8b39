package io.keyward.challenge.apiclient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a presented MDM API key into an authenticated {@link ApiClientPrincipal} with one
 * authority per scope. The key is looked up by its SHA-256: the database compares
 * digests, never keys, so the comparison leaks nothing about a key. A revoked key or a
 * disabled client's key is unknown. The key's last use is recorded at most once a minute
 * ({@link ApiClients#LAST_USED_PRECISION}), not once per call.
 */
@Component
public class ApiKeyAuthentication {

	private static final int MAX_KEY_LENGTH = 512;

	private final ApiClients clients;

	private final Clock clock;

	ApiKeyAuthentication(ApiClients clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	/**
	 * @param presented the bearer token
	 * @return the authenticated client, or null when the key is unknown
	 */
	public @Nullable Authentication authenticate(String presented) {
		if (presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
			return null;
		}
		return this.clients.findByActiveKey(ApiKeys.digest(presented)).map(this::toAuthentication).orElse(null);
	}

	private Authentication toAuthentication(ApiClients.KeyMatch match) {
		Instant now = this.clock.instant();
		if (match.lastUsedAt() == null || !match.lastUsedAt().plus(ApiClients.LAST_USED_PRECISION).isAfter(now)) {
			this.clients.touch(match.keyId(), now);
		}
		List<SimpleGrantedAuthority> authorities = match.scopes()
			.stream()
			.map((scope) -> new SimpleGrantedAuthority(ApiScopes.authority(scope)))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(match.principal(), null, authorities);
	}

}
