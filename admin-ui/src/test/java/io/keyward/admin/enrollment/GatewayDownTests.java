package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;

import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminApi;
import io.keyward.admin.Browser;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import io.keyward.admin.account.InitialAdmin;
import io.keyward.admin.FakeServices;
import io.keyward.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is down and the ca-adapter does not accept our token: the pages still
 * render and say so.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=admin-ui", "keyward.admin.initial-password=" + GatewayDownTests.PASSWORD,
				"keyward.admin.service-token=a-token-the-services-do-not-know", "keyward.admin.timeout=2s" })
@Import(PostgresTestConfiguration.class)
class GatewayDownTests {

	static final String PASSWORD = "gateway down test password";

	private static final String CLOSED_URL = FakeServices.closedUrl();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	InitialAdmin initialAdmin;

	@Autowired
	AdminTokens tokens;

	@BeforeEach
	void freshInitialAdmin() {
		this.jdbc.update("delete from admin.admin_user");
		this.initialAdmin.ensureAdminExists();
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("keyward.admin.gateway-url", () -> CLOSED_URL);
		registry.add("keyward.admin.ca-url", () -> FakeServices.get().url());
		registry.add("keyward.data-dir", () -> System.getProperty("java.io.tmpdir") + "/keyward-admin-ui-down");
	}

	@Test
	void whenGatewayUnreachableThenBannerAndOk() {
		HttpResponse<String> page = signedIn().get("/enrollments");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("class=\"banner\"")
			.contains("scep-gateway unreachable at " + CLOSED_URL)
			.doesNotContain("<table");
	}

	@Test
	void whenServiceRefusesTokenThenBannerNamesTheToken() {
		HttpResponse<String> page = signedIn().get("/certificates");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("ca-adapter at " + FakeServices.get().url()
				+ " refused the service token (HTTP 401): check KEYWARD_ADMIN_UI_TOKEN");
	}

	@Test
	void whenServicesAreDownThenTheOverviewStillRendersAndSaysWhatIsWrong() {
		HttpResponse<String> page = signedIn().get("/overview");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("scep-gateway is down:")
			.contains("scep-gateway unreachable at " + CLOSED_URL)
			.contains("ca-adapter is down:")
			.contains("challenge-service is down:")
			.contains("refused the service token (HTTP 401)")
			.contains("No enrollment figures")
			.contains("No certificate figures")
			.doesNotContain("<svg");
		assertThat(page.body().split("health-up", -1)).hasSize(2);
	}

	@Test
	void whenAServiceIsDownOrRefusesTheTokenThenTheAdminApiAnswersA5xxProblemNever500() {
		String token = this.tokens.create("down-" + UUID.randomUUID().toString().substring(0, 8),
				List.of(AdminScope.REFUSALS_READ, AdminScope.PROFILES_READ, AdminScope.CHALLENGES_MANAGE), "admin:test")
			.secret();
		AdminApi api = new AdminApi(this.port, token);

		HttpResponse<String> refusals = api.get("/api/v1/refusals");
		HttpResponse<String> profiles = api.get("/api/v1/profiles");
		HttpResponse<String> templates = api.get("/api/v1/templates");
		HttpResponse<String> minted = api.post("/api/v1/challenges", "{\"client\":1}");

		assertThat(refusals.statusCode()).isEqualTo(503);
		assertThat(refusals.body()).contains("scep-gateway is not reachable");
		assertThat(profiles.statusCode()).isEqualTo(503);
		assertThat(templates.statusCode()).isEqualTo(502);
		assertThat(templates.body()).contains("ca-adapter refused the admin-ui's service credential");
		assertThat(minted.statusCode()).as("the CA's fingerprints are fetched first").isEqualTo(502);
		for (HttpResponse<String> answer : List.of(refusals, profiles, templates, minted)) {
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void whenTheChallengeServiceIsDownThenTheMdmClientsCsvIsA502NotAnEmptyFile() {
		Browser browser = signedIn();

		HttpResponse<String> csv = browser.get("/mdm-clients.csv");
		HttpResponse<String> page = browser.get("/mdm-clients");

		assertThat(csv.statusCode()).isEqualTo(502);
		assertThat(csv.body()).doesNotContain("\"name\",\"scopes\"");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("class=\"banner\"").contains("0 of 0 shown");
	}

	@Test
	void whenTheChallengeServiceIsDownThenTheChallengesAndWebhooksPagesSaySoAndTheirCsvIsAProblem() {
		Browser browser = signedIn();

		HttpResponse<String> challenges = browser.get("/challenges?client=4&sort=expires:asc");
		HttpResponse<String> webhooks = browser.get("/webhooks?state=all");

		assertThat(challenges.statusCode()).isEqualTo(200);
		assertThat(challenges.body()).contains("class=\"banner\"")
			.contains("challenge-service")
			.doesNotContain("client must be one of");
		assertThat(webhooks.statusCode()).isEqualTo(200);
		assertThat(webhooks.body()).contains("class=\"banner\"").contains("challenge-service");
		assertThat(browser.get("/challenges.csv").statusCode()).isIn(502, 503);
		assertThat(browser.get("/webhooks.csv").statusCode()).isIn(502, 503);
	}

	private Browser signedIn() {
		Browser browser = new Browser(this.port);
		if (browser.login("admin", PASSWORD).headers().firstValue("Location").orElse("").contains("error")) {
			throw new AssertionError("cannot sign in");
		}
		return browser;
	}

}
