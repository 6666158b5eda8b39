package io.keyward.admin.authority;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA rollover for admins: the authorities page shows the next CA and its switch-over
 * date with a CSRF-protected form, the admin API prepares it with the
 * {@code authorities:rollover} scope, and both are recorded in {@code admin_action}.
 */
class CaRolloverPageTests extends AdminUiTestSupport {

	@Autowired
	AdminTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forgetNextCa() {
		FakeServices.get().reset();
	}

	@Test
	void whenNoNextCaIsPreparedThenThePageOffersToPrepareOne() {
		var page = signedIn().get("/authorities");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("No next CA is prepared").contains("Prepare next CA");
	}

	@Test
	void whenPreparedFromThePageThenTheSwitchDateIsShownAndTheActionRecorded() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/authorities").body());

		var answer = browser.post("/authorities/next", Map.of("_csrf", csrf, "switchAt", "2031-06-01T09:30"));

		assertThat(answer.statusCode()).isEqualTo(302);
		var page = browser.get("/authorities");
		assertThat(page.body()).contains("Next CA prepared")
			.contains("2031-06-01 09:30:00")
			.contains("Move switch-over");
		assertThat(FakeServices.get().bodies())
			.anyMatch((body) -> body.contains("\"switchAt\":\"2031-06-01T09:30:00Z\"")
					&& body.contains("\"requestedBy\":\"admin:admin\""));
		assertThat(actions("admin:admin")).contains("ca_next_prepared ca:next switchAt=2031-06-01T09:30:00Z");
	}

	@Test
	void whenPostedWithoutTheCsrfTokenThenRefusedAndNothingPrepared() {
		Browser browser = signedIn();

		var answer = browser.post("/authorities/next", Map.of("switchAt", "2031-06-01T09:30"));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(browser.get("/authorities").body()).contains("No next CA is prepared");
	}

	@Test
	void whenPreparedOverTheApiThenTheNextCaAnswersWithItsSwitchDate() {
		String token = token(AdminScope.AUTHORITIES_ROLLOVER);

		var answer = api(token).post("/api/v1/authorities/next", "{\"switchAt\":\"2031-07-01T00:00:00Z\"}");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"switchAt\":\"2031-07-01T00:00:00Z\"")
			.contains("\"nextCaPem\":[\"-----BEGIN");
	}

	@Test
	void whenTheTokenLacksTheRolloverScopeThenForbiddenAndWithoutATokenUnauthorized() {
		String reader = token(AdminScope.CERTIFICATES_READ);

		assertThat(api(reader).post("/api/v1/authorities/next", "{}").statusCode()).isEqualTo(403);
		assertThat(api("kwa_" + "b".repeat(43)).post("/api/v1/authorities/next", "{}").statusCode()).isEqualTo(401);
		assertThat(signedIn().get("/authorities").body()).contains("No next CA is prepared");
	}

	@Test
	void whenTheSwitchDateIsInThePastThen400Problem() {
		var answer = api(token(AdminScope.AUTHORITIES_ROLLOVER)).post("/api/v1/authorities/next",
				"{\"switchAt\":\"2020-01-01T00:00:00Z\"}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	private String token(AdminScope... scopes) {
		return this.tokens.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(scopes), "admin:test")
			.secret();
	}

	private List<String> actions(String actor) {
		return this.jdbc.queryForList(
				"select concat_ws(' ', action, target, detail) from admin.audit_record where actor = ? order by seq",
				String.class, actor);
	}

}
