package io.keyward.challenge.onetime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: an MDM reads its challenges back, lists them by keyset and revokes them; it
 * sees only its own, never a secret, and only with the scope for each.
 */
class ChallengeRecordApiTests extends IntegrationTestSupport {

	private String reader;

	private String other;

	@BeforeEach
	void clients() {
		this.reader = TestApiClients.create(this.jdbc, "record-reader",
				"challenge:mint challenge:read challenge:list challenge:revoke");
		this.other = TestApiClients.create(this.jdbc, "record-other",
				"challenge:mint challenge:read challenge:list challenge:revoke");
	}

	@Test
	void whenReadThenItsLifeIsAnsweredAndNeverItsSecret() {
		Map<String, Object> minted = mint(this.reader, "{\"externalId\":\"dev-1\"}");
		String path = "/api/v1/challenges/" + minted.get("id");

		Map<String, Object> outstanding = call(HttpMethod.GET, path, this.reader, HttpStatus.OK).getBody();
		String transactionId = newTransactionId();
		assertThat(redeem((String) minted.get("challenge"), "default", transactionId, publicKeySha256()).accepted())
			.isTrue();
		Map<String, Object> redeemed = call(HttpMethod.GET, path, this.reader, HttpStatus.OK).getBody();

		assertThat(outstanding).containsEntry("state", "outstanding")
			.containsEntry("id", minted.get("id"))
			.containsEntry("externalId", "dev-1")
			.containsEntry("profile", "default")
			.doesNotContainKeys("challenge", "challengeHash");
		assertThat(outstanding.toString()).doesNotContain((String) minted.get("challenge"));
		assertThat(redeemed).containsEntry("state", "redeemed").containsEntry("transactionId", transactionId);
		assertThat(redeemed.get("redeemedAt")).isNotNull();
	}

	@Test
	void whenItsTimeIsPastThenExpired() {
		Map<String, Object> minted = mint(this.reader, "{}");
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(call(HttpMethod.GET, "/api/v1/challenges/" + minted.get("id"), this.reader, HttpStatus.OK).getBody())
			.containsEntry("state", "expired");
	}

	@Test
	void whenRevokedThenItNoLongerRedeemsAndARedeemedOneConflicts() {
		Map<String, Object> minted = mint(this.reader, "{}");
		String path = "/api/v1/challenges/" + minted.get("id");
		Map<String, Object> used = mint(this.reader, "{}");
		assertThat(redeem((String) used.get("challenge"), "default").accepted()).isTrue();

		call(HttpMethod.DELETE, path, this.reader, HttpStatus.NO_CONTENT);
		call(HttpMethod.DELETE, path, this.reader, HttpStatus.NO_CONTENT);
		ResponseEntity<Map<String, Object>> conflict = call(HttpMethod.DELETE, "/api/v1/challenges/" + used.get("id"),
				this.reader, HttpStatus.CONFLICT);

		assertThat(redeem((String) minted.get("challenge"), "default").reason()).isEqualTo("challenge revoked");
		assertThat(call(HttpMethod.GET, path, this.reader, HttpStatus.OK).getBody()).containsEntry("state", "revoked");
		assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(call(HttpMethod.GET, "/api/v1/challenges/" + used.get("id"), this.reader, HttpStatus.OK).getBody())
			.containsEntry("state", "redeemed");
	}

	@Test
	void whenAnotherClientsOrAnUnknownIdThenNotFoundAndNothingChanges() {
		Map<String, Object> minted = mint(this.reader, "{}");
		String path = "/api/v1/challenges/" + minted.get("id");

		ResponseEntity<Map<String, Object>> notFound = call(HttpMethod.GET, path, this.other, HttpStatus.NOT_FOUND);
		call(HttpMethod.DELETE, path, this.other, HttpStatus.NOT_FOUND);
		call(HttpMethod.GET, "/api/v1/challenges/5c0f3a7e-0000-4000-8000-000000000000", this.reader,
				HttpStatus.NOT_FOUND);
		call(HttpMethod.GET, "/api/v1/challenges/not-a-uuid", this.reader, HttpStatus.NOT_FOUND);

		assertThat(notFound.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(call(HttpMethod.GET, path, this.reader, HttpStatus.OK).getBody()).containsEntry("state",
				"outstanding");
		assertThat(list(this.other, "")).isEmpty();
	}

	@Test
	void whenListedByPagesThenEachChallengeOnceInMintingOrder() {
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(mint(this.reader, "{\"externalId\":\"page-" + (i % 2) + "\"}").get("id"));
		}
		mint(this.other, "{}");

		List<Object> seen = new ArrayList<>();
		String after = "";
		do {
			Map<String, Object> page = call(HttpMethod.GET, "/api/v1/challenges?limit=2" + after, this.reader,
					HttpStatus.OK)
				.getBody();
			((List<?>) page.get("items")).forEach((item) -> seen.add(((Map<?, ?>) item).get("id")));
			after = (page.get("next") != null) ? "&after=" + page.get("next") : null;
		}
		while (after != null);

		assertThat(seen).isEqualTo(ids);
		assertThat(list(this.reader, "&externalId=page-1")).containsExactly(ids.get(1), ids.get(3));
		redeem((String) mint(this.reader, "{\"profile\":\"vpn\"}").get("challenge"), "vpn");
		assertThat(list(this.reader, "&state=redeemed&profile=vpn")).hasSize(1);
		assertThat(list(this.reader, "&state=outstanding")).isEqualTo(ids);
		assertThat(list(this.reader, "&profile=vpn&state=outstanding")).isEmpty();
	}

	@Test
	void whenAListParameterIsOutOfRangeThenBadRequestNamingIt() {
		assertThat(call(HttpMethod.GET, "/api/v1/challenges?state=lost", this.reader, HttpStatus.BAD_REQUEST).getBody()
			.get("detail")
			.toString()).startsWith("state ");
		assertThat(call(HttpMethod.GET, "/api/v1/challenges?limit=0", this.reader, HttpStatus.BAD_REQUEST).getBody()
			.get("detail")
			.toString()).startsWith("limit ");
		assertThat(call(HttpMethod.GET, "/api/v1/challenges?limit=501", this.reader, HttpStatus.BAD_REQUEST).getBody()
			.get("detail")
			.toString()).startsWith("limit ");
		assertThat(call(HttpMethod.GET, "/api/v1/challenges?after=x", this.reader, HttpStatus.BAD_REQUEST).getBody()
			.get("detail")
			.toString()).startsWith("after ");
	}

	@Test
	void whenTheKeyLacksTheScopeThenForbiddenAndAServiceTokenUnauthorized() {
		String mintOnly = TestApiClients.create(this.jdbc, "record-mint-only", "challenge:mint");
		String id = (String) mint(mintOnly, "{}").get("id");
		String path = "/api/v1/challenges/" + id;

		call(HttpMethod.GET, path, mintOnly, HttpStatus.FORBIDDEN);
		call(HttpMethod.GET, "/api/v1/challenges", mintOnly, HttpStatus.FORBIDDEN);
		call(HttpMethod.DELETE, path, mintOnly, HttpStatus.FORBIDDEN);
		String readOnly = TestApiClients.create(this.jdbc, "record-read-only", "challenge:read");
		call(HttpMethod.GET, "/api/v1/challenges", readOnly, HttpStatus.FORBIDDEN);
		call(HttpMethod.DELETE, path, readOnly, HttpStatus.FORBIDDEN);
		call(HttpMethod.POST, "/api/v1/challenges", readOnly, HttpStatus.FORBIDDEN);
		call(HttpMethod.GET, path, SERVICE_TOKEN, HttpStatus.UNAUTHORIZED);
		call(HttpMethod.GET, "/api/v1/challenges", SERVICE_TOKEN, HttpStatus.UNAUTHORIZED);
		call(HttpMethod.DELETE, path, ADMIN_UI_TOKEN, HttpStatus.UNAUTHORIZED);
		// the bootstrap client holds every scope
		call(HttpMethod.GET, "/api/v1/challenges?limit=1", API_KEY, HttpStatus.OK);
	}

	private List<Object> list(String key, String query) {
		Map<String, Object> page = call(HttpMethod.GET, "/api/v1/challenges?limit=500" + query, key, HttpStatus.OK)
			.getBody();
		return ((List<?>) page.get("items")).stream().map((item) -> (Object) ((Map<?, ?>) item).get("id")).toList();
	}

	private Map<String, Object> mint(String key, String body) {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", key, body);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String key,
			HttpStatusCode expected) {
		ResponseEntity<Map<String, Object>> response = this.http.method(method)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.body((method == HttpMethod.POST) ? "{}" : "")
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).as(method + " " + path).isEqualTo(expected);
		return response;
	}

}
