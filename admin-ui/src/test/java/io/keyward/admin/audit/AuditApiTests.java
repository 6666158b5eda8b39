package io.keyward.admin.audit;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the admin-ui records, and the audit log as the admin API, the Audit page and the
 * downloads show it, over real HTTP.
 */
class AuditApiTests extends AdminUiTestSupport {

	private static final String HOSTILE = "<script>alert(1)</script>";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AdminActions actions;

	@Autowired
	AdminTokens tokens;

	@Test
	void whenSignInFailsSucceedsAndSignsOutThenEachRecorded() {
		browser().login(HOSTILE, "wrong password 123");
		Browser browser = signedIn();
		browser.post("/logout", Map.of("_csrf", Browser.csrfToken(browser.get("/").body())));

		JsonNode failed = newest("admin_sign_in_failed");
		assertThat(failed.path("actor").asString()).isEqualTo("address:127.0.0.1");
		assertThat(failed.path("target").asString()).isEqualTo("admin:" + HOSTILE);
		assertThat(newest("admin_signed_in").path("actor").asString()).isEqualTo("admin:admin");
		assertThat(newest("admin_signed_in").path("detail").asString()).isEqualTo("address=127.0.0.1");
		assertThat(newest("admin_signed_out").path("actor").asString()).isEqualTo("admin:admin");
		assertThat(page("").body()).doesNotContain("wrong password 123").doesNotContain(PASSWORD);
	}

	@Test
	void whenPasswordChangedThenRecordedWithTheSessionsItEnded() {
		Browser elsewhere = signedIn();
		Browser here = signedIn();
		String fresh = "a much better passphrase 2026";
		String token = Browser.csrfToken(here.get("/account/password").body());
		here.post("/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", fresh, "confirmPassword", fresh, "_csrf", token));

		assertThat(newest("admin_password_changed").path("actor").asString()).isEqualTo("admin:admin");
		assertThat(newest("admin_sessions_ended").path("detail").asString())
			.matches("sessions=[1-9][0-9]* reason=password_changed");
		assertThat(elsewhere.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenPagedThenNewestFirstWithAKeysetCursor() {
		String action = "test_paged_" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 1; i <= 3; i++) {
			this.actions.record("admin:alice", action, "thing:" + i, null);
		}

		JsonNode first = body(page("?action=" + action + "&limit=2"));
		JsonNode second = body(page("?action=" + action + "&limit=2&before=" + first.path("next").asLong()));

		assertThat(first.path("records").findValuesAsString("target")).containsExactly("thing:3", "thing:2");
		assertThat(second.path("records").findValuesAsString("target")).containsExactly("thing:1");
		assertThat(second.path("next").isNull()).isTrue();
		assertThat(body(page("?actor=admin:nobody&action=" + action)).path("records")).isEmpty();
	}

	@Test
	void whenExportedThenCsvAndJsonLinesWithHashesAndNoFormulae() {
		String action = "test_export_" + UUID.randomUUID().toString().substring(0, 8);
		this.actions.record("admin:alice", action, "=HYPERLINK(\"http://evil\")", "a,b");

		HttpResponse<String> csv = api(BOOTSTRAP_TOKEN).get("/api/v1/audit/export?format=csv&action=" + action);
		HttpResponse<String> jsonl = api(BOOTSTRAP_TOKEN).get("/api/v1/audit/export?format=jsonl&action=" + action);
		HttpResponse<String> unknown = api(BOOTSTRAP_TOKEN).get("/api/v1/audit/export?format=xml");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains("attachment").contains("keyward-audit.csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0))
			.isEqualTo("\"seq\",\"at\",\"actor\",\"action\",\"target\",\"detail\",\"prev_hash\",\"hash\"");
		assertThat(lines.get(1)).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("\"a,b\"");
		assertThat(jsonl.statusCode()).isEqualTo(200);
		JsonNode record = this.json.readTree(jsonl.body().lines().findFirst().orElseThrow());
		assertThat(record.path("action").asString()).isEqualTo(action);
		assertThat(record.path("hash").asString()).hasSize(64);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void whenVerifiedOverTheApiThenIntact() {
		this.actions.record("admin:alice", "test_verify", "thing:1", null);

		JsonNode verdict = body(api(BOOTSTRAP_TOKEN).get("/api/v1/audit/verify"));

		assertThat(verdict.path("intact").asBoolean()).isTrue();
		assertThat(verdict.path("records").asLong()).isPositive();
	}

	@Test
	void whenTokenLacksAuditReadThenForbiddenAndWithoutTokenUnauthorized() {
		String reader = this.tokens
			.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(AdminScope.CERTIFICATES_READ),
					"admin:test")
			.secret();

		for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export?format=csv")) {
			assertThat(api(reader).get(path).statusCode()).as(path).isEqualTo(403);
			assertThat(api(null).get(path).statusCode()).as(path).isEqualTo(401);
		}
	}

	@Test
	void whenAuditPageThenNewestFirstFilteredEscapedAndVerifiable() {
		browser().login(HOSTILE, "wrong password 123");
		Browser browser = signedIn();

		String page = browser.get("/audit?action=admin_sign_in_failed").body();
		String verified = browser.get("/audit?verify=").body();

		assertThat(page).contains("admin:&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(HOSTILE)
			.contains(">admin_sign_in_failed</td>")
			.doesNotContain(">admin_signed_in</td>");
		assertThat(verified).contains("The audit log is intact");
		assertThat(browser.get("/audit/export?format=jsonl").statusCode()).isEqualTo(200);
		assertThat(browser().get("/audit").statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> page(String query) {
		HttpResponse<String> answer = api(BOOTSTRAP_TOKEN).get("/api/v1/audit" + query);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private JsonNode newest(String action) {
		JsonNode records = body(page("?action=" + action + "&limit=1")).path("records");
		assertThat(records).as(action).hasSize(1);
		return records.get(0);
	}

	private JsonNode body(HttpResponse<String> answer) {
		return this.json.readTree(answer.body());
	}

}
