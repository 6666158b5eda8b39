package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin API lists the requests refused before a transaction was recorded
 * ({@code refusals:read}), a page at a time, as the gateway keeps them.
 */
class RefusalApiTests extends AdminUiTestSupport {

	@Autowired
	AdminTokens tokens;

	@Test
	void whenRefusalsAreReadThenTheGatewaysPageIsAnsweredWithTheClientsTextAsSent() {
		HttpResponse<String> answer = api(token(AdminScope.REFUSALS_READ)).get("/api/v1/refusals?page=1&size=10");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"profile\":\"<b>nope</b>\"")
			.contains("\"reason\":\"challengePassword missing\"")
			.contains("\"total\":1");
		assertThat(FakeServices.get().queries()).contains("/api/v1/refusals?page=1&size=10");
	}

	@Test
	void whenFilteredAndSortedThenTheGatewayIsAskedSo() {
		HttpResponse<String> answer = api(token(AdminScope.REFUSALS_READ))
			.get("/api/v1/refusals?q=missing&profile=ios&failInfo=badRequest&sort=profile:asc");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"failInfos\":[\"badRequest\"]");
		assertThat(FakeServices.get().queries())
			.contains("/api/v1/refusals?page=0&size=50&q=missing&profile=ios&failInfo=badRequest&sort=profile:asc");
	}

	@Test
	void whenThePageOrSizeIsOutOfRangeThenA400Problem() {
		String token = token(AdminScope.REFUSALS_READ);

		for (String query : List.of("page=-1", "size=0", "size=501", "size=x")) {
			HttpResponse<String> answer = api(token).get("/api/v1/refusals?" + query);
			assertThat(answer.statusCode()).as(query).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
		}
	}

	@Test
	void whenTheTokenLacksTheScopeThenForbiddenAndWithoutATokenUnauthorized() {
		for (AdminScope other : List.of(AdminScope.REQUESTS_READ, AdminScope.PROFILES_READ)) {
			assertThat(api(token(other)).get("/api/v1/refusals").statusCode()).as(other.scopeName()).isEqualTo(403);
		}
		assertThat(api(null).get("/api/v1/refusals").statusCode()).isEqualTo(401);
	}

	private String token(AdminScope scope) {
		return this.tokens.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(scope), "admin:test")
			.secret();
	}

}
