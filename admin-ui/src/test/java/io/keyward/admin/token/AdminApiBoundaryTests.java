package io.keyward.admin.token;

import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call the admin API: only admin API tokens, each call by its scope.
 */
class AdminApiBoundaryTests extends AdminUiTestSupport {

	@Autowired
	private AdminTokens tokens;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void whenNoTokenThenUnauthorizedProblem() {
		var answer = api(null).get("/api/v1/certificates");

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void whenBootstrapTokenThenEveryApiAnswers() {
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/certificates?q=iphone").statusCode()).isEqualTo(200);
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/requests?status=PENDING").statusCode()).isEqualTo(200);
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/authorities").statusCode()).isEqualTo(200);
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/tokens").statusCode()).isEqualTo(200);
	}

	@Test
	void whenTokenStoredThenOnlyItsDigestIsInTheDatabase() {
		List<String> stored = this.jdbc.queryForList(
				"select concat_ws(' ', name, token_sha256, scopes::text, created_by) from admin.api_token",
				String.class);

		assertThat(stored).isNotEmpty().noneMatch((row) -> row.contains(BOOTSTRAP_TOKEN));
		assertThat(this.jdbc.queryForObject("select token_sha256 from admin.api_token where name = 'bootstrap'",
				String.class))
			.isEqualTo(io.keyward.edge.caller.SecretTokens.sha256Hex(BOOTSTRAP_TOKEN));
	}

	@Test
	void whenTokenLacksTheScopeThenForbidden() {
		String reader = token(AdminScope.CERTIFICATES_READ);

		assertThat(api(reader).get("/api/v1/certificates").statusCode()).isEqualTo(200);
		assertThat(api(reader)
			.post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke", "{\"reason\":\"keyCompromise\"}")
			.statusCode()).isEqualTo(403);
		assertThat(api(reader).get("/api/v1/requests").statusCode()).isEqualTo(403);
		assertThat(api(reader).post("/api/v1/requests/" + FakeServices.WAITING_ID + "/approve", "{}").statusCode())
			.isEqualTo(403);
		assertThat(api(reader).get("/api/v1/tokens").statusCode()).isEqualTo(403);
		assertThat(api(reader).post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"tokens:manage\"]}").statusCode())
			.isEqualTo(403);
	}

	@Test
	void whenOtherCredentialsThenUnauthorized() {
		assertThat(api(FakeServices.TOKEN).get("/api/v1/certificates").statusCode()).isEqualTo(401);
		assertThat(api("kw_" + "a".repeat(43)).get("/api/v1/certificates").statusCode()).isEqualTo(401);
	}

	@Test
	void whenSignedInDashboardSessionThenApiStillWantsAToken() {
		var browser = signedIn();

		assertThat(browser.get("/api/v1/certificates").statusCode()).isEqualTo(401);
	}

	@Test
	void whenTokenRevokedThenUnauthorized() {
		String secret = token(AdminScope.CERTIFICATES_READ);
		long id = this.tokens.authenticate(secret).orElseThrow().id();

		this.tokens.revoke(id, "admin:test");

		assertThat(api(secret).get("/api/v1/certificates").statusCode()).isEqualTo(401);
	}

	@Test
	void whenTokenCreatedOverTheApiThenItsSecretIsShownOnceAndWorks() {
		String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
		var created = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens",
				"{\"name\":\"" + name + "\",\"scopes\":[\"certificates:read\"]}");

		assertThat(created.statusCode()).isEqualTo(201);
		String secret = created.body().replaceAll(".*\"token\":\"(kwa_[A-Za-z0-9_-]+)\".*", "$1");
		assertThat(secret).startsWith("kwa_");
		assertThat(api(secret).get("/api/v1/certificates").statusCode()).isEqualTo(200);
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/tokens").body()).contains(name).doesNotContain(secret);
		assertThat(
				this.jdbc.queryForObject("select created_by from admin.api_token where name = ?", String.class, name))
			.isEqualTo("token:bootstrap");
	}

	@Test
	void whenTokenRequestIsWrongThenProblem() {
		var unknownScope = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens", "{\"name\":\"x1\",\"scopes\":[\"root\"]}");
		var noScope = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens", "{\"name\":\"x2\",\"scopes\":[]}");
		var nullScope = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens", "{\"name\":\"x3\",\"scopes\":[null]}");
		var badName = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens",
				"{\"name\":\"<b>\",\"scopes\":[\"certificates:read\"]}");
		var taken = api(BOOTSTRAP_TOKEN).post("/api/v1/tokens",
				"{\"name\":\"bootstrap\",\"scopes\":[\"certificates:read\"]}");

		assertThat(unknownScope.statusCode()).isEqualTo(400);
		assertThat(unknownScope.body()).contains("unknown scope 'root'");
		assertThat(noScope.statusCode()).isEqualTo(400);
		assertThat(nullScope.statusCode()).isEqualTo(400);
		assertThat(nullScope.body()).contains("scopes must not contain null");
		assertThat(badName.statusCode()).isEqualTo(400);
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(api(BOOTSTRAP_TOKEN).delete("/api/v1/tokens/999999").statusCode()).isEqualTo(404);
	}

	private String token(AdminScope... scopes) {
		return this.tokens.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(scopes), "admin:test")
			.secret();
	}

}
