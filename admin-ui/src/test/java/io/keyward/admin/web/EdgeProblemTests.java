package io.keyward.admin.web;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.testsupport.EdgeProbe;
import io.keyward.testsupport.EdgeProbe.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST fuzzer's findings at the admin API, through its real security chain: text
 * PostgreSQL cannot store (finding 1: 500), a wildcard Content-Type (finding 2: 500) and
 * what reaches the error page (finding 9: Spring Boot's JSON for a 405, a 404, a firewall
 * refusal) are now 4xx problem documents; the dashboard keeps its HTML error page for a
 * browser.
 */
class EdgeProblemTests extends AdminUiTestSupport {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void whenAnAuditFilterHoldsNulThenBadRequestProblemNamingIt() {
		Answer answer = new EdgeProbe(this.port, BOOTSTRAP_TOKEN).get("/api/v1/audit?actor=%00");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("Parameter 'actor'");
	}

	@Test
	void whenATokenNameHoldsNulThenBadRequestProblemNamingTheField() {
		Answer answer = new EdgeProbe(this.port, BOOTSTRAP_TOKEN).postJson("/api/v1/tokens",
				"{\"name\":\"x\\u0000\",\"scopes\":[\"certificates:read\"]}");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("JSON field 'name'");
	}

	@Test
	void whenTheContentTypeIsAWildcardThenUnsupportedMediaTypeProblem() {
		Answer answer = new EdgeProbe(this.port, BOOTSTRAP_TOKEN).send("POST", "/api/v1/tokens", "application/*",
				"{\"name\":\"x1\",\"scopes\":[\"certificates:read\"]}");

		assertThat(answer.status()).isEqualTo("415 " + PROBLEM);
	}

	@Test
	void whenWhatReachesTheErrorPageOnTheApiIsRefusedThenProblemWithItsStatus() {
		EdgeProbe admin = new EdgeProbe(this.port, BOOTSTRAP_TOKEN);
		EdgeProbe anonymous = new EdgeProbe(this.port, null);

		assertThat(admin.send("PUT", "/api/v1/admins", "application/json", "{}").status()).isEqualTo("405 " + PROBLEM);
		assertThat(admin.get("/api/v1/admins/").status()).isEqualTo("404 " + PROBLEM);
		assertThat(anonymous.get("/error").status()).isEqualTo("404 " + PROBLEM);
		assertThat(anonymous.get("/api//v1/admins").status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.send("TRACE", "/api/v1/admins", null, null).status()).isEqualTo("405 " + PROBLEM);
	}

	@Test
	void whenABrowserAsksForAnUnknownPageThenTheDashboardsErrorPage() {
		HttpResponse<String> page = signedIn().get("/no-such-page");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("There is no such page.");
	}

}
