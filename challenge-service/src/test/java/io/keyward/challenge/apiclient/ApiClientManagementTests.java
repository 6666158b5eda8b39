package io.keyward.challenge.apiclient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.keyward.api.challenge.IssuedMdmKey;
import io.keyward.api.challenge.MdmClient;
import io.keyward.challenge.IntegrationTestSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: MDM API clients managed over the internal API by the admin-ui, with several
 * keys, their own profiles, cap and rate.
 */
class ApiClientManagementTests extends IntegrationTestSupport {

	private static final String CLIENTS = "/internal/v1/api-clients";

	@Test
	void whenTheAdminUiCreatesAClientThenItsKeyIsShownOnceStoredAsADigestAndMints() {
		IssuedMdmKey issued = create("mgmt-create", "{\"scopes\":[\"challenge:mint\"],\"keyLabel\":\"first\"}");

		assertThat(issued.key()).matches("kw_[A-Za-z0-9_-]{43}");
		assertThat(issued.client().scopes()).containsExactly("challenge:mint");
		assertThat(issued.client().profiles()).as("every profile").isNull();
		assertThat(issued.client().keys()).singleElement()
			.satisfies((key) -> assertThat(key.label()).isEqualTo("first"));
		String listed = this.http.get()
			.uri(CLIENTS)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.body(String.class);
		assertThat(listed).contains("\"name\":\"mgmt-create\"")
			.doesNotContain(issued.key())
			.doesNotContain(ApiKeys.digest(issued.key()));
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client_key where key_hash = ?",
				Integer.class, ApiKeys.digest(issued.key())))
			.isOne();
		assertThat(post("/api/v1/challenges", issued.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenTheGatewaysTokenOrAnMdmKeyCallsTheManagementApiThenRefused() {
		String body = "{\"name\":\"mgmt-intruder\",\"scopes\":[\"challenge:mint\"]}";
		assertThat(post(CLIENTS, SERVICE_TOKEN, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post(CLIENTS, API_KEY, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.get().uri(CLIENTS).retrieve().toEntity(String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client where name = 'mgmt-intruder'",
				Integer.class))
			.isZero();
	}

	@Test
	void whenAKeyIsAddedThenBothWorkAndARevokedOneIsRefused() {
		IssuedMdmKey first = create("mgmt-rotate", "{\"scopes\":[\"challenge:mint\"]}");
		IssuedMdmKey second = call(CLIENTS + "/" + first.client().id() + "/keys", "{\"label\":\"2027\"}",
				HttpStatus.CREATED, IssuedMdmKey.class);

		assertThat(second.client().keys()).hasSize(2);
		assertThat(post("/api/v1/challenges", first.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/challenges", second.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		MdmClient revoked = call(CLIENTS + "/" + first.client().id() + "/keys/" + first.keyId() + "/revoke", "",
				HttpStatus.OK, MdmClient.class);

		assertThat(revoked.keys()).filteredOn(MdmClient.Key::active)
			.extracting(MdmClient.Key::id)
			.containsExactly(second.keyId());
		assertThat(post("/api/v1/challenges", first.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/api/v1/challenges", second.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenAClientIsDisabledThenEveryKeyOfItIsRefusedAndItGetsNoNewKey() {
		IssuedMdmKey issued = create("mgmt-disable", "{\"scopes\":[\"challenge:mint\"]}");

		MdmClient disabled = call(CLIENTS + "/" + issued.client().id() + "/disable", "", HttpStatus.OK,
				MdmClient.class);

		assertThat(disabled.enabled()).isFalse();
		assertThat(post("/api/v1/challenges", issued.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post(CLIENTS + "/" + issued.client().id() + "/keys", ADMIN_UI_TOKEN, "{}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void whenAClientMintsForAProfileItWasNotGivenThenForbiddenProblem() {
		IssuedMdmKey issued = create("mgmt-vpn-only", "{\"scopes\":[\"challenge:mint\"],\"profiles\":[\"vpn\"]}");

		ResponseEntity<Map<String, Object>> refused = post("/api/v1/challenges", issued.key(),
				"{\"profile\":\"default\"}");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("detail").toString()).contains("profile 'default'");
		assertThat(post("/api/v1/challenges", issued.key(), "{\"profile\":\"vpn\"}").getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenAClientReachesItsOwnCapThen429WhileAnotherClientStillMints() {
		IssuedMdmKey capped = create("mgmt-capped", "{\"scopes\":[\"challenge:mint\"],\"maxOutstanding\":2}");
		IssuedMdmKey other = create("mgmt-uncapped", "{\"scopes\":[\"challenge:mint\"]}");

		assertThat(post("/api/v1/challenges", capped.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/challenges", capped.key(), "{\"profile\":\"vpn\"}").getStatusCode())
			.as("the cap counts across profiles")
			.isEqualTo(HttpStatus.CREATED);
		ResponseEntity<Map<String, Object>> full = post("/api/v1/challenges", capped.key(), "{}");

		assertThat(full.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(full.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(full.getBody().get("detail").toString()).contains("API client 'mgmt-capped'");
		assertThat(post("/api/v1/challenges", other.key(), "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		this.clock.advance(Duration.ofHours(2));
		assertThat(post("/api/v1/challenges", capped.key(), "{}").getStatusCode())
			.as("expired challenges no longer count")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenAClientIsOverItsOwnRateThen429WithRetryAfterWhileTheBootstrapClientIsServed() throws Exception {
		IssuedMdmKey slow = create("mgmt-slow",
				"{\"scopes\":[\"challenge:mint\"],\"ratePerSecond\":1,\"rateBurst\":2}");

		// the JDK's client: Apache HttpClient would retry a 429 after its Retry-After
		HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest mint = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/challenges"))
			.header("Authorization", "Bearer " + slow.key())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		HttpResponse<String> answer = jdk.send(mint, HttpResponse.BodyHandlers.ofString());
		int served = 0;
		while (answer.statusCode() == 201 && served < 10) {
			served++;
			answer = jdk.send(mint, HttpResponse.BodyHandlers.ofString());
		}

		assertThat(served).as("a burst of 2, then 1 a second").isBetween(2, 4);
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(post("/api/v1/challenges", API_KEY, "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenAKeyIsUsedThenItsLastUseIsListedToTheMinute() {
		IssuedMdmKey issued = create("mgmt-last-used", "{\"scopes\":[\"challenge:mint\"]}");
		assertThat(lastUsed(issued)).isNull();

		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(start);
		post("/api/v1/challenges", issued.key(), "{}");
		Instant first = lastUsed(issued);
		this.clock.set(start.plusSeconds(30));
		post("/api/v1/challenges", issued.key(), "{}");
		Instant unchanged = lastUsed(issued);
		this.clock.set(start.plusSeconds(61));
		post("/api/v1/challenges", issued.key(), "{}");

		assertThat(first).isEqualTo(start);
		assertThat(unchanged).as("no write within the minute").isEqualTo(start);
		assertThat(lastUsed(issued)).isEqualTo(start.plusSeconds(61));
	}

	@Test
	void whenTheRequestIsWrongThenProblems() {
		create("mgmt-taken", "{\"scopes\":[\"challenge:mint\"]}");
		assertProblem(post(CLIENTS, ADMIN_UI_TOKEN, "{\"name\":\"mgmt-taken\",\"scopes\":[\"challenge:mint\"]}"),
				HttpStatus.CONFLICT);
		assertProblem(post(CLIENTS, ADMIN_UI_TOKEN, "{\"name\":\"mgmt-bad\",\"scopes\":[\"admin\"]}"),
				HttpStatus.BAD_REQUEST);
		assertProblem(post(CLIENTS, ADMIN_UI_TOKEN, "{\"name\":\"mgmt-bad\",\"scopes\":[]}"), HttpStatus.BAD_REQUEST);
		// fuzz report: [null] was a NullPointerException and a 500
		assertThat(assertProblem(post(CLIENTS, ADMIN_UI_TOKEN, "{\"name\":\"mgmt-bad\",\"scopes\":[null]}"),
				HttpStatus.BAD_REQUEST))
			.extractingByKey("detail", as(InstanceOfAssertFactories.STRING))
			.contains("scopes must not contain null");
		assertThat(assertProblem(
				post(CLIENTS, ADMIN_UI_TOKEN,
						"{\"name\":\"mgmt-bad\",\"scopes\":[\"challenge:mint\"],\"profiles\":[null]}"),
				HttpStatus.BAD_REQUEST))
			.extractingByKey("detail", as(InstanceOfAssertFactories.STRING))
			.contains("profiles must not contain null");
		assertProblem(
				post(CLIENTS, ADMIN_UI_TOKEN,
						"{\"name\":\"mgmt-bad\",\"scopes\":[\"challenge:mint\"],\"profiles\":[\"nope\"]}"),
				HttpStatus.BAD_REQUEST);
		assertProblem(post(CLIENTS, ADMIN_UI_TOKEN, "{\"name\":\"<b>\",\"scopes\":[\"challenge:mint\"]}"),
				HttpStatus.BAD_REQUEST);
		assertProblem(
				post(CLIENTS, ADMIN_UI_TOKEN,
						"{\"name\":\"mgmt-bad\",\"scopes\":[\"challenge:mint\"],\"ratePerSecond\":0}"),
				HttpStatus.BAD_REQUEST);
		assertProblem(post(CLIENTS + "/999999/disable", ADMIN_UI_TOKEN, ""), HttpStatus.NOT_FOUND);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client where name = 'mgmt-bad'",
				Integer.class))
			.isZero();
	}

	private Instant lastUsed(IssuedMdmKey issued) {
		List<MdmClient> clients = this.http.get()
			.uri(CLIENTS)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.body(new ParameterizedTypeReference<List<MdmClient>>() {
			});
		return clients.stream()
			.filter((client) -> client.id() == issued.client().id())
			.flatMap((client) -> client.keys().stream())
			.filter((key) -> key.id() == issued.keyId())
			.findFirst()
			.orElseThrow()
			.lastUsedAt();
	}

	private IssuedMdmKey create(String name, String json) {
		forgetApiClient(name);
		return call(CLIENTS, "{\"name\":\"" + name + "\"," + json.substring(1), HttpStatus.CREATED, IssuedMdmKey.class);
	}

	private <T> T call(String path, String json, HttpStatus expected, Class<T> type) {
		ResponseEntity<T> response = this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(type);
		assertThat(response.getStatusCode()).isEqualTo(expected);
		return response.getBody();
	}

	private static Map<String, Object> assertProblem(ResponseEntity<Map<String, Object>> response, HttpStatus status) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return response.getBody();
	}

}
