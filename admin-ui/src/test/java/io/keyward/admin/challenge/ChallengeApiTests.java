package io.keyward.admin.challenge;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin API over one-time challenges ({@code challenges:manage}) does what
 * the Challenges page does: mint by hand (the password in the answer only, never
 * audited), list a client's outstanding ones by profile a page at a time, revoke one;
 * each change audited with the token's name. The challenge-service is
 * {@link FakeServices}' stand-in; the standalone suite's
 * {@code ChallengeApiEndToEndTests} drives the real one.
 */
class ChallengeApiTests extends AdminUiTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AdminTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forget() {
		FakeServices.get().reset();
	}

	@Test
	void whenMintedOverTheApiThenThePasswordIsAnsweredOnceListedNeverAndTheMintAndRevocationAudited() {
		String name = "hand-" + suffix();
		String token = this.tokens.create(name, List.of(AdminScope.CHALLENGES_MANAGE), "admin:test").secret();
		long client = client("api-hand-mdm");

		HttpResponse<String> minted = api(token).post("/api/v1/challenges",
				"{\"client\":" + client + ",\"profile\":\"routers\"}");

		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
		assertThat(minted.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode answer = this.json.readTree(minted.body());
		String password = answer.get("challenge").asString();
		String id = answer.get("id").asString();
		assertThat(password).matches("[0-9A-F]{16}");
		assertThat(answer.get("profile").asString()).isEqualTo("routers");
		assertThat(answer.get("client").asLong()).isEqualTo(client);
		assertThat(answer.get("expiresAt").asString()).endsWith("Z");
		assertThat(answer.get("caFingerprints").get("ndesMd5").asString())
			.matches("[0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8}");
		HttpResponse<String> listed = api(token).get("/api/v1/challenges?client=" + client);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains(id).doesNotContain(password);
		assertThat(api(token).get("/api/v1/challenges?client=" + client + "&profile=default").body())
			.doesNotContain(id);

		HttpResponse<String> revoked = api(token).post("/api/v1/challenges/" + id + "/revoke?client=" + client, "");

		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(api(token).get("/api/v1/challenges?client=" + client).body()).doesNotContain(id);
		List<String> audited = this.jdbc.queryForList(
				"select concat_ws(' ', actor, action, detail) from admin.audit_record where target = ? order by seq",
				String.class, "challenge:" + id);
		assertThat(audited).hasSize(2);
		assertThat(audited.get(0))
			.startsWith("token:" + name + " challenge_minted client=" + client + " profile=routers expiresAt=");
		assertThat(audited.get(1)).isEqualTo("token:" + name + " challenge_revoked client=" + client);
		assertThat(String.join(" ", audited)).doesNotContain(password);
	}

	@Test
	void whenListedAPageAtATimeThenNextLeadsToTheFollowingPage() {
		String token = token(AdminScope.CHALLENGES_MANAGE);
		long client = client("paged-mdm");
		for (int i = 0; i < 3; i++) {
			api(token).post("/api/v1/challenges", "{\"client\":" + client + "}");
		}

		JsonNode first = this.json.readTree(api(token).get("/api/v1/challenges?client=" + client + "&limit=2").body());
		JsonNode second = this.json.readTree(
				api(token).get("/api/v1/challenges?client=" + client + "&limit=2&after=" + first.get("next").asString())
					.body());

		assertThat(first.get("items")).hasSize(2);
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("next").isNull()).isTrue();
		assertThat(second.get("items").get(0).get("id").asString())
			.isNotIn(first.get("items").get(0).get("id").asString(), first.get("items").get(1).get("id").asString());
	}

	@Test
	void whenTheInputIsWrongThenA4xxProblemAndNothingAudited() {
		String token = token(AdminScope.CHALLENGES_MANAGE);
		long client = client("wrong-input-mdm");
		int before = this.jdbc.queryForObject("select count(*) from admin.audit_record where action like 'challenge_%'",
				Integer.class);

		assertProblem(api(token).post("/api/v1/challenges", "{\"profile\":\"default\"}"), 400, "client must be");
		assertProblem(api(token).post("/api/v1/challenges", "{\"client\":" + client + ",\"profile\":\"../x\"}"), 400,
				"profile must be a profile");
		assertProblem(api(token).post("/api/v1/challenges", "{\"client\":" + client + ",\"profile\":\"not-yours\"}"),
				400, "may not mint challenges for profile");
		assertProblem(api(token).post("/api/v1/challenges", "{\"client\":424242}"), 404, "No enabled API client");
		assertProblem(api(token).post("/api/v1/challenges", "not json"), 400, "");
		assertProblem(api(token).post("/api/v1/challenges/not-an-id/revoke?client=" + client, ""), 400,
				"id must be a challenge");
		assertProblem(api(token).post("/api/v1/challenges/" + new UUID(1, 1) + "/revoke?client=" + client, ""), 404,
				"No challenge with that id");
		assertProblem(api(token).get("/api/v1/challenges?client=" + client + "&limit=0"), 400, "limit must be");
		assertProblem(api(token).get("/api/v1/challenges?client=" + client + "&after=x"), 400, "after must be");
		assertProblem(api(token).get("/api/v1/challenges?client=abc"), 400, "");
		assertProblem(api(token).get("/api/v1/challenges"), 400, "");

		assertThat(this.jdbc.queryForObject("select count(*) from admin.audit_record where action like 'challenge_%'",
				Integer.class))
			.isEqualTo(before);
	}

	@Test
	void whenTheTokenLacksTheScopeThenForbiddenAndWithoutATokenUnauthorized() {
		long client = client("scoped-mdm");
		String body = "{\"client\":" + client + "}";
		int before = FakeServices.get().bodies().size();

		for (AdminScope other : List.of(AdminScope.MDM_CLIENTS_MANAGE, AdminScope.PROFILES_READ,
				AdminScope.CERTIFICATES_REVOKE)) {
			String token = token(other);
			assertThat(api(token).post("/api/v1/challenges", body).statusCode()).as(other.scopeName()).isEqualTo(403);
			assertThat(api(token).get("/api/v1/challenges?client=" + client).statusCode()).isEqualTo(403);
			assertThat(api(token).post("/api/v1/challenges/" + new UUID(2, 2) + "/revoke?client=" + client, "")
				.statusCode()).isEqualTo(403);
		}
		assertThat(api(null).post("/api/v1/challenges", body).statusCode()).isEqualTo(401);
		assertThat(api(null).get("/api/v1/challenges?client=" + client).statusCode()).isEqualTo(401);
		assertThat(FakeServices.get().bodies()).hasSize(before);
	}

	private void assertProblem(HttpResponse<String> answer, int status, String detail) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains(detail).doesNotContain("Exception");
	}

	private long client(String name) {
		HttpResponse<String> created = api(token(AdminScope.MDM_CLIENTS_MANAGE)).post("/api/v1/mdm-clients",
				"{\"name\":\"" + name + "\",\"scopes\":[\"challenge:mint\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body()).get("client").get("id").asLong();
	}

	private String token(AdminScope scope) {
		return this.tokens.create("t-" + suffix(), List.of(scope), "admin:test").secret();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
