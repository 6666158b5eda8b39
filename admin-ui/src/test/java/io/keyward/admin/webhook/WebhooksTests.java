package io.keyward.admin.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook dead letters over the admin API and on the dashboard, against the fake
 * challenge-service.
 */
class WebhooksTests extends AdminUiTestSupport {

	@Autowired
	private AdminTokens tokens;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	private String token(AdminScope... scopes) {
		return this.tokens.create("w-" + UUID.randomUUID().toString().substring(0, 8), List.of(scopes), "admin:test")
			.secret();
	}

	private int audited(String action) {
		return this.jdbc.queryForObject("select count(*) from admin.audit_record where action = ?", Integer.class,
				action);
	}

	@Test
	void whenListedAndReplayedOverTheApiThenTheChallengeServiceIsAskedAndTheReplayAudited() {
		String token = token(AdminScope.WEBHOOKS_MANAGE);
		var listed = api(token).get("/api/v1/webhook-deliveries");
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"id\":" + FakeServices.DEAD_DELIVERY_ID)
			.contains("\"eventType\":\"REVOKED\"");
		int before = audited("webhook_replayed");

		var replayed = api(token).post("/api/v1/webhook-deliveries/" + FakeServices.DEAD_DELIVERY_ID + "/replay", "");
		assertThat(replayed.statusCode()).isEqualTo(200);
		assertThat(replayed.body()).contains("\"replayed\":1");
		assertThat(audited("webhook_replayed")).isEqualTo(before + 1);

		var again = api(token).post("/api/v1/webhook-deliveries/" + FakeServices.DEAD_DELIVERY_ID + "/replay", "");
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void whenTheLimitIsOutOfRangeThenBadRequestProblem() {
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/webhook-deliveries?limit=0").statusCode()).isEqualTo(400);
	}

	@Test
	void whenATokenLacksTheScopeThenForbiddenAndWithoutATokenUnauthorized() {
		String reader = token(AdminScope.CERTIFICATES_READ);
		assertThat(api(reader).get("/api/v1/webhook-deliveries").statusCode()).isEqualTo(403);
		assertThat(api(reader).post("/api/v1/webhook-deliveries/replay", "").statusCode()).isEqualTo(403);
		assertThat(
				api("kwa_no-such-token-0123456789abcdefghijklmnopqrstu").get("/api/v1/webhook-deliveries").statusCode())
			.isEqualTo(401);
	}

	@Test
	void whenThePageIsShownThenTheLastErrorIsEscapedAndReplayNeedsCsrf() {
		Browser browser = signedIn();
		String page = browser.get("/webhooks").body();
		assertThat(page).contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)")
			.contains("https://siem.example/hook")
			.contains("REVOKED");
		var withoutCsrf = browser.post("/webhooks/" + FakeServices.DEAD_DELIVERY_ID + "/replay", Map.of());
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		int before = audited("webhook_replayed_all");

		var replayed = browser.post("/webhooks/replay", Map.of("_csrf", Browser.csrfToken(page)));
		assertThat(replayed.statusCode()).isEqualTo(302);
		assertThat(audited("webhook_replayed_all")).isEqualTo(before + 1);
		assertThat(browser.get("/webhooks").body()).contains("1 delivery(ies) queued again.")
			.contains("No dead letters.");
	}

	@Test
	void whenFilteredAndSortedThenThePageItsCsvAndTheApiFollowAndBadParametersAreSaidNotFailed() {
		Browser browser = signedIn();
		String all = browser.get("/webhooks?state=all&sort=time:asc").body();
		String delivered = browser.get("/webhooks?state=delivered").body();
		String siem = browser.get("/webhooks?state=all&webhook=siem&type=REVOKED").body();

		assertThat(all.indexOf("data-delivery-id=\"" + FakeServices.DELIVERED_DELIVERY_ID + "\"")).isPositive()
			.isLessThan(all.indexOf("data-delivery-id=\"" + FakeServices.DEAD_DELIVERY_ID + "\""));
		assertThat(all).contains("aria-sort=\"ascending\"").contains("href=\"/webhooks?state=all&amp;sort=time:desc\"");
		assertThat(delivered).contains("data-delivery-id=\"" + FakeServices.DELIVERED_DELIVERY_ID + "\"")
			.doesNotContain("data-delivery-id=\"" + FakeServices.DEAD_DELIVERY_ID + "\"")
			.doesNotContain("class=\"replay\"")
			.doesNotContain("id=\"replay-all\"");
		assertThat(siem).contains("data-delivery-id=\"" + FakeServices.DEAD_DELIVERY_ID + "\"")
			.doesNotContain("data-delivery-id=\"" + FakeServices.DELIVERED_DELIVERY_ID + "\"")
			.contains("<option value=\"siem\" selected=\"selected\">siem</option>")
			.contains("href=\"/webhooks.csv?state=all&amp;type=REVOKED&amp;webhook=siem&amp;sort=time:desc\"");

		String csv = browser.get("/webhooks.csv?state=all&sort=time:desc").body();
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.getFirst()).isEqualTo("\"id\",\"event_id\",\"event_type\",\"occurred_at\",\"queued_at\","
				+ "\"webhook\",\"target\",\"state\",\"attempts\",\"last_attempt_at\",\"last_error\"");
		assertThat(lines.get(1)).startsWith("\"" + FakeServices.DEAD_DELIVERY_ID + "\",")
			.contains("\"REVOKED\"", "\"siem\"", "\"https://siem.example/hook\"", "\"DEAD\"", "\"8\"");
		assertThat(lines.get(2)).startsWith("\"" + FakeServices.DELIVERED_DELIVERY_ID + "\",");

		String token = token(AdminScope.WEBHOOKS_MANAGE);
		assertThat(api(token).get("/api/v1/webhook-deliveries?state=delivered").body())
			.contains("\"id\":" + FakeServices.DELIVERED_DELIVERY_ID)
			.doesNotContain("\"id\":" + FakeServices.DEAD_DELIVERY_ID + ",");
		for (String bad : new String[] { "state=lost", "type=SIGNED", "sort=webhook", "after=x", "webhook=%3Cb%3E" }) {
			var refused = api(token).get("/api/v1/webhook-deliveries?" + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			var page = browser.get("/webhooks?" + bad);
			assertThat(page.statusCode()).as(bad).isEqualTo(200);
			assertThat(page.body()).as(bad).contains("class=\"banner\"").doesNotContain("<b>");
			if (!bad.startsWith("after")) {
				// the export has no pages: it reads every one
				assertThat(browser.get("/webhooks.csv?" + bad).statusCode()).as(bad).isEqualTo(400);
			}
		}
	}

}
