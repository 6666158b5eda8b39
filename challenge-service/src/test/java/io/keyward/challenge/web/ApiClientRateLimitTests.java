package io.keyward.challenge.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import io.keyward.challenge.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the MDM API answers 429 problem+json with Retry-After once an API client is
 * over its rate; each client has its own, and an unknown key still gets 401. The JDK's
 * HTTP client, not the RestClient of the other tests: Apache HttpClient retries a 429
 * after its Retry-After by itself, as an MDM's client may.
 */
@TestPropertySource(properties = { "keyward.challenge.api-rate.burst=2", "keyward.challenge.api-rate.per-second=1" })
class ApiClientRateLimitTests extends IntegrationTestSupport {

	private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void whenAnApiClientIsOverItsRateThen429ProblemWithRetryAfterAndOtherClientsAreServed() throws Exception {
		String other = "kw_rate-limit-other-client-0123456789abcdefghijk";
		apiClient("rate-limit-other", other, "challenge:mint", null, 0);
		try {
			// burst 2, then 1 per second: on a slow machine a token may come back between
			// two calls, so count the calls served before the first 429 against the time
			long started = System.nanoTime();
			int served = 0;
			HttpResponse<String> refused = mintWith(API_KEY);
			while (refused.statusCode() == 201 && served < 20) {
				served++;
				refused = mintWith(API_KEY);
			}
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
			assertThat(served).as("served before the first refusal").isBetween(2, (int) (2 + seconds));
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("\"status\":429");
			assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
			assertThat(mintWith(other).statusCode()).as("another API client has its own rate").isEqualTo(201);
			assertThat(mintWith(API_KEY + "x").statusCode()).isEqualTo(401);
		}
		finally {
			forgetApiClient("rate-limit-other");
		}
	}

	private HttpResponse<String> mintWith(String key) throws Exception {
		return this.jdk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/challenges"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"default\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
