package io.keyward.challenge.intune;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * App-only access tokens from Entra ID by the OAuth 2.0 client credentials grant (RFC
 * 6749 section 4.4), authenticated by the client secret or by a client assertion signed
 * with the app's certificate key (RFC 7523 section 2.2). Each token is cached per scope
 * until five minutes before it expires (a tenth of its life when that is shorter), and
 * dropped at once when a service answers 401 with it.
 */
class EntraTokens {

	private static final Logger log = LoggerFactory.getLogger(EntraTokens.class);

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final Duration EARLY = Duration.ofMinutes(5);

	private final IntuneProperties properties;

	private final RestClient http;

	private final @Nullable ClientAssertion assertion;

	private final Clock clock;

	private final Map<String, Token> cache = new ConcurrentHashMap<>();

	EntraTokens(IntuneProperties properties, RestClient http, @Nullable ClientAssertion assertion, Clock clock) {
		this.properties = properties;
		this.http = http;
		this.assertion = assertion;
		this.clock = clock;
	}

	/**
	 * @param scope for example {@code https://graph.microsoft.com/.default}
	 * @return a bearer token for it
	 * @throws IntuneUnavailableException when Entra does not hand one out
	 */
	String token(String scope) {
		Instant now = this.clock.instant();
		Token cached = this.cache.get(scope);
		if (cached != null && now.isBefore(cached.refreshAt())) {
			return cached.value();
		}
		Token fresh = request(scope, now);
		this.cache.put(scope, fresh);
		return fresh.value();
	}

	/**
	 * Forget the token of a scope, after a service refused it.
	 */
	void drop(String scope) {
		this.cache.remove(scope);
	}

	URI endpoint() {
		return this.properties.authority().resolve(this.properties.tenant() + "/oauth2/v2.0/token");
	}

	private Token request(String scope, Instant now) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.properties.clientId());
		form.add("scope", scope);
		if (this.assertion != null) {
			form.add("client_assertion_type", ASSERTION_TYPE);
			form.add("client_assertion", this.assertion.sign(endpoint().toString(), now));
		}
		else {
			form.add("client_secret", this.properties.clientSecret());
		}
		Map<?, ?> answer = IntuneCalls.unavailableUnless("entra token",
				() -> this.http.post()
					.uri(endpoint())
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.retrieve()
					.body(Map.class));
		if (answer == null || !(answer.get("access_token") instanceof String value)
				|| !(answer.get("expires_in") instanceof Number seconds)) {
			throw new IntuneUnavailableException("entra token", "no access_token in the answer");
		}
		Duration life = Duration.ofSeconds(seconds.longValue());
		Duration early = (life.compareTo(EARLY.multipliedBy(2)) > 0) ? EARLY : life.dividedBy(10);
		log.info("event=intune_token_acquired scope={} expiresIn={}s", scope, life.toSeconds());
		return new Token(value, now.plus(life).minus(early));
	}

	private record Token(String value, Instant refreshAt) {

		@Override
		public String toString() {
			return "Token[refreshAt=" + this.refreshAt + "]";
		}

	}

}
