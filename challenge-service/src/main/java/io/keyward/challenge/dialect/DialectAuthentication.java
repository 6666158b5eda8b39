package io.keyward.challenge.dialect;

import org.jspecify.annotations.Nullable;

import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.ApiClientRate;
import io.keyward.challenge.apiclient.ApiScopes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The checks the JSON-speaking dialects share once HTTP Basic has named a client: 401
 * with {@code WWW-Authenticate: Basic} for no or wrong credentials, 403 without the
 * {@code challenge:mint} scope, then the client's rate ({@link ApiClientRate}: 429).
 */
@Component
class DialectAuthentication {

	private final ApiClientRate rate;

	private final DialectProperties properties;

	DialectAuthentication(ApiClientRate rate, DialectProperties properties) {
		this.rate = rate;
		this.properties = properties;
	}

	/**
	 * @param client the authenticated client, null when Basic failed
	 * @param profile the profile the dialect mints for
	 * @return the client allowed to mint now, on that profile
	 * @throws Refused with the answer to send otherwise
	 */
	ApiClientPrincipal requireMinter(@Nullable Authentication client, String profile) {
		if (client == null) {
			throw new Refused(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, this.properties.basicChallenge())
				.build());
		}
		if (!ApiScopes.grants(client, ApiScopes.CHALLENGE_MINT)) {
			throw new Refused(ResponseEntity.status(HttpStatus.FORBIDDEN).build());
		}
		ApiClientPrincipal principal = (ApiClientPrincipal) client.getPrincipal();
		if (!principal.mayMintFor(profile)) {
			throw new Refused(ResponseEntity.status(HttpStatus.FORBIDDEN).build());
		}
		this.rate.check(principal);
		return principal;
	}

	/** A refusal with the bare status the dialect's clients expect. */
	static final class Refused extends RuntimeException {

		private final transient ResponseEntity<Void> answer;

		Refused(ResponseEntity<Void> answer) {
			super(null, null, false, false);
			this.answer = answer;
		}

		ResponseEntity<Void> answer() {
			return this.answer;
		}

	}

}
