package io.keyward.admin.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.testsupport.FromOutside;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSecurityTests extends AdminUiTestSupport {

	@Test
	void whenUnauthenticatedThenRedirectedToLogin() {
		HttpResponse<String> response = browser().get("/");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void whenLoginPageThenFormCarriesCsrfToken() {
		HttpResponse<String> response = browser().get("/login");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Browser.csrfToken(response.body())).isNotBlank();
	}

	@Test
	void whenInitialPasswordPostedWithCsrfTokenThenSignedIn() {
		Browser browser = browser();

		HttpResponse<String> login = browser.login("admin", PASSWORD);

		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		HttpResponse<String> dashboard = browser.get("/");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("<title>Overview")
			.contains("<span class=\"user\">admin</span>")
			.contains("Sign out")
			.doesNotContain("sec:authentication");
	}

	@Test
	void whenWrongPasswordThenBackToLoginWithError() {
		Browser browser = browser();

		HttpResponse<String> login = browser.login("admin", "not the password");

		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(browser.get("/login?error").body()).contains("Invalid username or password.");
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenLoginPostedWithoutCsrfTokenThenForbidden() {
		Browser browser = browser();
		browser.get("/login");

		HttpResponse<String> login = browser.post("/login", Map.of("username", "admin", "password", PASSWORD));

		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(login.body()).contains("403 Forbidden").contains("The request was refused");
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenLoginPostedWithForgedCsrfTokenThenForbidden() {
		Browser browser = browser();
		browser.get("/login");

		HttpResponse<String> login = browser.post("/login",
				Map.of("username", "admin", "password", PASSWORD, "_csrf", "forged-token"));

		assertThat(login.statusCode()).isEqualTo(403);
	}

	@Test
	void whenLogoutPostedWithoutCsrfTokenThenForbiddenAndStillSignedIn() {
		Browser browser = signedIn();

		HttpResponse<String> logout = browser.post("/logout", Map.of());

		assertThat(logout.statusCode()).isEqualTo(403);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void whenLogoutByGetThenNotSignedOut() {
		Browser browser = signedIn();

		browser.get("/logout");

		assertThat(browser.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void whenLogoutPostedWithCsrfTokenThenSignedOut() {
		Browser browser = signedIn();
		String token = Browser.csrfToken(browser.get("/").body());

		HttpResponse<String> logout = browser.post("/logout", Map.of("_csrf", token));

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?logout"));
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void whenSignedInThenSessionCookieIsHttpOnlyAndSameSiteStrict() {
		Browser browser = browser();

		HttpResponse<String> login = browser.login("admin", PASSWORD);

		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).filteredOn((cookie) -> cookie.startsWith("JSESSIONID="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("; HttpOnly").contains("; SameSite=Strict"));
	}

	@Test
	void whenAnyPageThenContentSecurityPolicyAndDefaultHeaders() {
		HttpResponse<String> login = browser().get("/login");
		HttpResponse<String> dashboard = signedIn().get("/");

		for (HttpResponse<String> response : List.of(login, dashboard)) {
			assertThat(response.headers().firstValue("Content-Security-Policy"))
				.hasValue("default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
						+ "frame-ancestors 'none'");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Cache-Control"))
				.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		}
	}

	@Test
	void whenPagesRenderedThenNoInlineScriptOrStyle() {
		Browser browser = signedIn();

		for (String body : List.of(browser().get("/login").body(), browser.get("/").body(),
				browser.get("/certificates").body())) {
			assertThat(body).doesNotContainIgnoringCase("<script")
				.doesNotContainIgnoringCase("style=")
				.doesNotContainIgnoringCase("<style")
				.doesNotContainIgnoringCase("javascript:");
		}
	}

	@Test
	void whenStylesheetRequestedAnonymouslyThenServed() {
		HttpResponse<String> css = browser().get("/css/keyward.css");

		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.body()).contains(".banner");
	}

	@Test
	void whenMetricsAreScrapedAnonymouslyFromOutsideLoopbackThenSentToSignInAndHealthStillAnswers() throws Exception {
		assertThat(FromOutside.get(this.port, "/actuator/prometheus")).isEqualTo(302);
		assertThat(FromOutside.get(this.port, "/actuator/health")).isEqualTo(200);
	}

	@Test
	void whenActuatorProbedAnonymouslyThenHealthInfoPrometheusOpenOthersNot() {
		Browser browser = browser();

		assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/health").body()).doesNotContain("components");
		assertThat(browser.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/info").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/env").statusCode()).isEqualTo(302);
	}

}
