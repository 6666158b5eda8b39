package io.keyward.admin.mdmclient;

import java.net.http.HttpResponse;
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
 * Issue 14: MDM API clients managed over the admin API ({@code mdm-clients:manage}) and
 * on the "MDM clients" page, each change in the audit log, the key shown once. The
 * challenge-service is {@link FakeServices}' stand-in; the standalone suite drives the
 * real one.
 */
class MdmClientsTests extends AdminUiTestSupport {

	@Autowired
	AdminTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forgetClients() {
		FakeServices.get().reset();
	}

	@Test
	void whenCreatedOverTheApiThenTheKeyIsAnsweredOnceAndEveryChangeIsAudited() {
		String token = token(AdminScope.MDM_CLIENTS_MANAGE);

		HttpResponse<String> created = api(token).post("/api/v1/mdm-clients", """
				{"name":"jamf-prod","scopes":["challenge:mint","challenge:read"],"profiles":["default"],
				 "maxOutstanding":500,"ratePerSecond":5,"rateBurst":20}""");

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
		String key = created.body().replaceAll("(?s).*\"key\":\"(kw_[^\"]+)\".*", "$1");
		long id = Long.parseLong(created.body().replaceAll("(?s).*\"client\":\\{\"id\":(\\d+).*", "$1"));
		assertThat(api(token).get("/api/v1/mdm-clients").body()).contains("\"name\":\"jamf-prod\"").doesNotContain(key);
		HttpResponse<String> added = api(token).post("/api/v1/mdm-clients/" + id + "/keys", "{\"label\":\"2027\"}");
		assertThat(added.statusCode()).isEqualTo(201);
		long keyId = Long.parseLong(added.body().replaceAll("(?s).*\"keyId\":(\\d+).*", "$1"));
		assertThat(api(token).post("/api/v1/mdm-clients/" + id + "/keys/" + keyId + "/revoke", "").statusCode())
			.isEqualTo(200);
		HttpResponse<String> disabled = api(token).post("/api/v1/mdm-clients/" + id + "/disable", "");
		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(disabled.body()).contains("\"disabledAt\":\"");

		List<String> audited = this.jdbc.queryForList(
				"select concat_ws(' ', action, detail) from admin.audit_record where target = 'mdm-client:jamf-prod' "
						+ "order by seq",
				String.class);
		assertThat(audited).containsExactly(
				"mdm_client_created scopes=challenge:mint,challenge:read profiles=default maxOutstanding=500 rate=5/20 keyId="
						+ (keyId - 1),
				"mdm_client_key_added keyId=" + keyId, "mdm_client_key_revoked keyId=" + keyId, "mdm_client_disabled");
		assertThat(String.join(" ", audited)).doesNotContain(key);
	}

	@Test
	void whenTheTokenLacksTheScopeThenForbiddenAndWithoutATokenUnauthorized() {
		String reader = token(AdminScope.CERTIFICATES_READ);
		String body = "{\"name\":\"intruder\",\"scopes\":[\"challenge:mint\"]}";

		assertThat(api(reader).post("/api/v1/mdm-clients", body).statusCode()).isEqualTo(403);
		assertThat(api(reader).get("/api/v1/mdm-clients").statusCode()).isEqualTo(403);
		assertThat(api("kwa_" + "c".repeat(43)).post("/api/v1/mdm-clients", body).statusCode()).isEqualTo(401);
		assertThat(api(token(AdminScope.MDM_CLIENTS_MANAGE)).get("/api/v1/mdm-clients").body()).isEqualTo("[]");
	}

	@Test
	void whenTheChallengeServiceRefusesThenItsStatusAndDetailAsAProblem() {
		String token = token(AdminScope.MDM_CLIENTS_MANAGE);
		api(token).post("/api/v1/mdm-clients", "{\"name\":\"twice\",\"scopes\":[\"challenge:mint\"]}");

		HttpResponse<String> taken = api(token).post("/api/v1/mdm-clients",
				"{\"name\":\"twice\",\"scopes\":[\"challenge:mint\"]}");
		HttpResponse<String> badScope = api(token).post("/api/v1/mdm-clients",
				"{\"name\":\"other\",\"scopes\":[\"certificates:revoke\"]}");

		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(taken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(taken.body()).contains("already exists");
		assertThat(badScope.statusCode()).isEqualTo(400);
		assertThat(api(token).post("/api/v1/mdm-clients/424242/disable", "").statusCode()).isEqualTo(404);
	}

	@Test
	void whenCreatedOnThePageThenTheKeyIsShownOnceAndHostileLabelsAreEscaped() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/mdm-clients").body());

		var created = browser.post("/mdm-clients", Map.of("name", "intune-eu", "scopes", "challenge:mint", "profiles",
				"default vpn", "maxOutstanding", "50", "ratePerSecond", "", "_csrf", csrf));
		String shown = browser.get("/mdm-clients").body();
		String shownAgain = browser.get("/mdm-clients").body();

		assertThat(created.statusCode()).isEqualTo(302);
		String key = shown.replaceAll("(?s).*id=\"new-mdm-key\">(kw_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(key).startsWith("kw_");
		assertThat(shown).contains("Copy it now");
		assertThat(shownAgain).doesNotContain(key)
			.contains("intune-eu")
			.contains("default vpn")
			.contains("2026-03-01 12:00:00");
		assertThat(FakeServices.get().bodies()).anyMatch((body) -> body.contains("\"profiles\":[\"default\",\"vpn\"]")
				&& body.contains("\"maxOutstanding\":50") && body.contains("\"ratePerSecond\":null"));

		long id = Long.parseLong(shownAgain.replaceAll("(?s).*action=\"/mdm-clients/(\\d+)/keys\".*", "$1"));
		browser.post("/mdm-clients/" + id + "/keys", Map.of("label", "<img src=x onerror=alert(1)>", "_csrf", csrf));
		String page = browser.get("/mdm-clients").body();
		assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
	}

	@Test
	void whenAKeyIsRevokedAndTheClientDisabledOnThePageThenBothAreAudited() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/mdm-clients").body());
		browser.post("/mdm-clients", Map.of("name", "fleet", "scopes", "challenge:mint", "_csrf", csrf));
		String page = browser.get("/mdm-clients").body();
		String revoke = page.replaceAll("(?s).*action=\"(/mdm-clients/\\d+/keys/\\d+/revoke)\".*", "$1");
		String disable = page.replaceAll("(?s).*action=\"(/mdm-clients/\\d+/disable)\".*", "$1");

		assertThat(browser.post(revoke, Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
		assertThat(browser.get("/mdm-clients").body()).contains("revoked.").contains("revoked 20");
		assertThat(browser.post(disable, Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
		assertThat(browser.get("/mdm-clients").body()).contains("disabled: its keys are refused.");

		assertThat(this.jdbc.queryForList(
				"select action from admin.audit_record where target = 'mdm-client:fleet' and actor = 'admin:admin' order by seq",
				String.class))
			.containsExactly("mdm_client_created", "mdm_client_key_revoked", "mdm_client_disabled");
	}

	@Test
	void whenPostedWithoutTheCsrfTokenThenRefusedAndNothingCreated() {
		Browser browser = signedIn();

		var answer = browser.post("/mdm-clients", Map.of("name", "no-csrf", "scopes", "challenge:mint"));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(browser.get("/mdm-clients").body()).doesNotContain("no-csrf").contains("No MDM client.");
	}

	private String token(AdminScope... scopes) {
		return this.tokens.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(scopes), "admin:test")
			.secret();
	}

}
