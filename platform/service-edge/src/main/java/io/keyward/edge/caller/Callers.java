package io.keyward.edge.caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keyward.edge.fingerprint.Sha256;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The internal callers a service knows, by the SHA-256 digests of their bearer tokens. A
 * presented token is digested and compared with {@link MessageDigest#isEqual} (constant
 * time) against every digest of every caller, without stopping at the first match, so the
 * time taken says nothing about which token came close. The tokens themselves are not
 * kept.
 */
public final class Callers {

	static final int MIN_TOKEN_LENGTH = 16;

	private final List<Known> known;

	private Callers(List<Known> known) {
		this.known = known;
	}

	/**
	 * @param properties the configured callers; blank tokens are ignored and a caller
	 * without a token is left out
	 * @return the accepted callers, possibly none
	 * @throws CallerCredentialsInvalid when a token is shorter than 16 characters or two
	 * callers share one
	 */
	public static Callers of(CallerProperties properties) {
		List<Known> known = new ArrayList<>();
		for (Map.Entry<String, CallerProperties.Caller> entry : properties.callers().entrySet()) {
			String name = entry.getKey();
			List<GrantedAuthority> authorities = entry.getValue()
				.scopes()
				.stream()
				.filter((scope) -> !scope.isBlank())
				.map((scope) -> (GrantedAuthority) new SimpleGrantedAuthority(Scopes.authority(scope.strip())))
				.toList();
			for (String token : entry.getValue().tokens()) {
				if (token == null || token.isBlank()) {
					continue;
				}
				if (token.strip().length() < MIN_TOKEN_LENGTH) {
					throw new CallerCredentialsInvalid("the token of caller '" + name + "' is shorter than "
							+ MIN_TOKEN_LENGTH + " characters (keyward.edge.callers." + name + ".tokens)");
				}
				known.add(new Known(name, sha256(token.strip()), authorities));
			}
		}
		for (int i = 0; i < known.size(); i++) {
			for (int j = i + 1; j < known.size(); j++) {
				if (MessageDigest.isEqual(known.get(i).digest, known.get(j).digest)
						&& !known.get(i).name.equals(known.get(j).name)) {
					throw new CallerCredentialsInvalid("callers '" + known.get(i).name + "' and '" + known.get(j).name
							+ "' share a token: give each caller its own");
				}
			}
		}
		return new Callers(List.copyOf(known));
	}

	/**
	 * @return whether no caller has a token
	 */
	public boolean isEmpty() {
		return this.known.isEmpty();
	}

	/**
	 * @return the names of the callers that have at least one token
	 */
	public Set<String> names() {
		return Set.copyOf(this.known.stream().map(Known::name).toList());
	}

	/**
	 * @param presented the token a caller sent, may be null
	 * @return the caller (name as principal, {@code SCOPE_...} authorities), or null when
	 * the token is no caller's
	 */
	public Authentication authenticate(String presented) {
		if (presented == null || presented.isEmpty()) {
			return null;
		}
		byte[] candidate = sha256(presented);
		Known match = null;
		for (Known caller : this.known) {
			if (MessageDigest.isEqual(caller.digest, candidate)) {
				match = caller;
			}
		}
		return (match != null) ? UsernamePasswordAuthenticationToken.authenticated(match.name, null, match.authorities)
				: null;
	}

	private static byte[] sha256(String value) {
		return Sha256.digest(value.getBytes(StandardCharsets.UTF_8));
	}

	private record Known(String name, byte[] digest, List<GrantedAuthority> authorities) {
	}

}
