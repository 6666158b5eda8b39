package io.keyward.admin.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page shares: the error page, where sign-in lands, the favicon, and the
 * layout's keyboard and screen-reader aids.
 */
class LayoutTests extends AdminUiTestSupport {

	@Test
	void whenErrorIsRequestedDirectlyThenNotFoundPage() {
		HttpResponse<String> anonymous = browser().get("/error");
		HttpResponse<String> signedIn = signedIn().get("/error");

		assertThat(anonymous.statusCode()).isEqualTo(404);
		assertThat(signedIn.statusCode()).isEqualTo(404);
		assertThat(signedIn.body()).contains("404").contains("There is no such page.").doesNotContain("999");
	}

	@Test
	void whenErrorIsRequestedDirectlyAsJsonThenNotFoundNot500() throws Exception {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/error"))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.body()).doesNotContain("999");
	}

	@Test
	void whenSignInFollowsARequestedPageThenItLandsOnTheCleanUrl() {
		Browser browser = browser();
		assertThat(browser.get("/certificates").statusCode()).isEqualTo(302);

		HttpResponse<String> signIn = browser.login("admin", PASSWORD);

		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/certificates").doesNotContain("continue"));
	}

	@Test
	void whenSignInFollowsTheHomePageThenItLandsOnSlashWithoutContinue() {
		Browser browser = browser();
		browser.get("/");

		HttpResponse<String> signIn = browser.login("admin", PASSWORD);

		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/").doesNotContain("?"));
	}

	@Test
	void whenFaviconRequestedThenServedFromTheAppWithoutSignIn() {
		HttpResponse<String> svg = browser().get("/favicon.svg");
		HttpResponse<String> ico = browser().get("/favicon.ico");

		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(ico.statusCode()).isEqualTo(200);
		assertThat(browser().get("/login").body())
			.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">");
	}

	@Test
	void whenAPageIsShownThenSkipLinkMainTargetCurrentPageAndHeaderScopes() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>")
			.contains("<main id=\"main\" tabindex=\"-1\">")
			.contains("href=\"/enrollments\" aria-current=\"page\" class=\"active\">Enrollments</a>")
			.doesNotContain("aria-current=\"page\">Certificates")
			.contains("<th scope=\"col\">Serial</th>")
			.doesNotContain("<th>");
	}

}
