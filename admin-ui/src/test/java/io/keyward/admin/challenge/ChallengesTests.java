package io.keyward.admin.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Issue 16: the "Challenges" page mints a challenge by hand as NDES's mscep_admin page
 * gives one, shows the password once with its validity and the CA's thumbprint, lists
 * each MDM client's outstanding challenges without a password and revokes one; each mint
 * and revocation audited, never the password. The challenge-service is
 * {@link FakeServices}' stand-in; its own tests and the standalone suite drive the real
 * one.
 */
class ChallengesTests extends AdminUiTestSupport {

	/** The ids the stand-in mints (its counter runs on across test classes). */
	private static final Pattern ID = Pattern.compile("00000000-0000-5eed-0000-[0-9a-f]{12}");

	private static final Pattern PASSWORD = Pattern.compile("id=\"new-challenge\">([0-9A-F]{16})<");

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AdminTokens tokens;

	@AfterEach
	void forget() {
		FakeServices.get().reset();
	}

	@Test
	void whenMintedByHandThenThePasswordIsShownOnceWithItsValidityAndTheCaThumbprint() {
		Browser browser = signedIn();
		long client = createClient(browser, "hand-mdm");
		String csrf = Browser.csrfToken(browser.get("/challenges?client=" + client).body());

		var minted = browser.post("/challenges",
				Map.of("client", Long.toString(client), "profile", "routers", "_csrf", csrf));
		String shown = browser.get("/challenges?client=" + client).body();
		String shownAgain = browser.get("/challenges?client=" + client).body();

		assertThat(minted.statusCode()).isEqualTo(302);
		Matcher password = PASSWORD.matcher(shown);
		assertThat(password.find()).as(shown).isTrue();
		assertThat(shown).contains("(60 minutes)")
			.containsPattern("id=\"ca-thumbprint\">[0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8}<")
			.contains("routers");
		Matcher id = ID.matcher(shownAgain);
		assertThat(id.find()).as("the minted challenge is listed").isTrue();
		assertThat(shownAgain).doesNotContain(password.group(1)).contains("data-client=\"hand-mdm\"");
		assertThat(FakeServices.get().bodies())
			.anyMatch((body) -> body.contains("\"client\":" + client) && body.contains("\"profile\":\"routers\""));
		List<String> audited = audit("challenge:" + id.group());
		assertThat(audited).singleElement()
			.satisfies((line) -> assertThat(line)
				.startsWith("admin:admin challenge_minted client=" + client + " profile=routers expiresAt=")
				.doesNotContain(password.group(1)));
	}

	@Test
	void whenAChallengeIsRevokedThenItLeavesTheOutstandingListAndIsAudited() {
		Browser browser = signedIn();
		long client = createClient(browser, "revoking-mdm");
		String csrf = Browser.csrfToken(browser.get("/challenges?client=" + client).body());
		browser.post("/challenges", Map.of("client", Long.toString(client), "profile", "default", "_csrf", csrf));
		String page = browser.get("/challenges?client=" + client).body();
		String action = page.replaceAll("(?s).*action=\"(/challenges/[0-9a-f-]{36}/revoke)\".*", "$1");

		var revoked = browser.post(action, Map.of("client", Long.toString(client), "_csrf", csrf));

		assertThat(revoked.statusCode()).isEqualTo(302);
		String after = browser.get("/challenges?client=" + client).body();
		assertThat(after).contains("revoked: it no longer enrolls a device").contains("No outstanding challenge.");
		String id = action.replaceAll("/challenges/([0-9a-f-]{36})/revoke", "$1");
		assertThat(audit("challenge:" + id)).containsExactly(
				"admin:admin challenge_minted client=" + client + " profile=default expiresAt="
						+ audit("challenge:" + id).get(0).replaceAll(".*expiresAt=", ""),
				"admin:admin challenge_revoked client=" + client);
	}

	@Test
	void whenTheChallengeServiceRefusesThenTheReasonIsShownAndNothingAudited() {
		Browser browser = signedIn();
		long client = createClient(browser, "refused-mdm");
		String csrf = Browser.csrfToken(browser.get("/challenges?client=" + client).body());
		int before = this.jdbc.queryForObject("select count(*) from admin.audit_record where action like 'challenge_%'",
				Integer.class);

		browser.post("/challenges", Map.of("client", Long.toString(client), "profile", "not-yours", "_csrf", csrf));
		String refused = browser.get("/challenges?client=" + client).body();
		browser.post("/challenges", Map.of("client", "424242", "_csrf", csrf));
		// the answer lists the client asked for (none here): the mint's refusal comes
		// first
		String unknown = browser.get("/challenges?client=424242").body();
		browser.post("/challenges", Map.of("client", Long.toString(client), "profile", "../x", "_csrf", csrf));
		String malformed = browser.get("/challenges?client=" + client).body();

		assertThat(refused).contains("may not mint challenges for profile").doesNotContain("id=\"new-challenge\"");
		assertThat(unknown).contains("No enabled API client has the id 424242");
		assertThat(malformed).contains("profile must be a profile");
		assertThat(this.jdbc.queryForObject("select count(*) from admin.audit_record where action like 'challenge_%'",
				Integer.class))
			.isEqualTo(before);
	}

	@Test
	void whenABindingCarriesMarkupThenItIsShownAsText() {
		Browser browser = signedIn();
		long client = createClient(browser, "bound-mdm");
		String csrf = Browser.csrfToken(browser.get("/challenges?client=" + client).body());
		browser.post("/challenges", Map.of("client", Long.toString(client), "profile", "bound", "_csrf", csrf));

		String page = browser.get("/challenges?client=" + client).body();

		assertThat(page).doesNotContain("<script>x</script>")
			.doesNotContain("<b>hostile</b>")
			.contains("subject=CN=&lt;b&gt;hostile&lt;/b&gt;; deviceId=&lt;script&gt;x&lt;/script&gt;");
	}

	@Test
	void whenPostedWithoutTheCsrfTokenOrSignedOutThenRefusedAndNothingMinted() {
		Browser browser = signedIn();
		long client = createClient(browser, "csrf-mdm");
		int before = FakeServices.get().bodies().size();

		var noCsrf = browser.post("/challenges", Map.of("client", Long.toString(client)));
		var signedOut = browser().post("/challenges", Map.of("client", Long.toString(client)));
		var page = browser().get("/challenges");

		assertThat(noCsrf.statusCode()).isEqualTo(403);
		assertThat(signedOut.statusCode()).isIn(302, 403);
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(FakeServices.get().bodies()).hasSize(before);
	}

	@Test
	void whenSortedAndFilteredThenThePageItsCsvAndTheApiFollowAndBadParametersAreSaidNotFailed() {
		Browser browser = signedIn();
		long client = createClient(browser, "sorting-mdm");
		String csrf = Browser.csrfToken(browser.get("/challenges?client=" + client).body());
		List<String> ids = new ArrayList<>();
		for (String profile : List.of("default", "short", "default")) {
			browser.post("/challenges", Map.of("client", Long.toString(client), "profile", profile, "_csrf", csrf));
			Matcher id = Pattern.compile("id=\"new-challenge-id\">(" + ID.pattern() + ")<")
				.matcher(browser.get("/challenges?client=" + client).body());
			assertThat(id.find()).isTrue();
			ids.add(id.group(1));
		}

		String newest = browser.get("/challenges?client=" + client).body();
		String byExpiry = browser.get("/challenges?client=" + client + "&sort=expires:asc").body();
		String defaults = browser.get("/challenges?client=" + client + "&profile=default&sort=created:asc").body();
		assertThat(rows(newest)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
		assertThat(newest).contains("aria-sort=\"descending\"").contains("sort=created:asc");
		assertThat(rows(byExpiry)).startsWith(ids.get(1));
		assertThat(rows(defaults)).containsExactly(ids.get(0), ids.get(2));
		assertThat(defaults)
			.contains("href=\"/challenges.csv?client=" + client + "&amp;profile=default&amp;sort=created:asc\"");

		String csv = browser.get("/challenges.csv?client=" + client + "&profile=default&sort=created:desc").body();
		assertThat(csv.lines().toList()).hasSize(3)
			.first()
			.isEqualTo("\"id\",\"client\",\"profile\",\"minted\",\"expires\",\"state\"");
		assertThat(csv.lines().skip(1).map((line) -> line.substring(1, 37)).toList()).containsExactly(ids.get(2),
				ids.get(0));
		assertThat(csv).contains("\"sorting-mdm\",\"default\"")
			.contains("\"outstanding\"")
			.doesNotContainPattern("[0-9A-F]{16}\"");

		String token = this.tokens.create("sorter-" + client, List.of(AdminScope.CHALLENGES_MANAGE), "admin:test")
			.secret();
		assertThat(api(token).get("/api/v1/challenges?client=" + client + "&sort=expires:asc&limit=1").body())
			.contains(ids.get(1))
			.doesNotContain(ids.get(0));
		for (String bad : new String[] { "&sort=subject", "&after=not-a-cursor",
				"&sort=created:asc&after=00000000-0000-5eed-0000-ffffffffffff" }) {
			var refused = api(token).get("/api/v1/challenges?client=" + client + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			var page = browser.get("/challenges?client=" + client + bad);
			assertThat(page.statusCode()).as(bad).isEqualTo(200);
			assertThat(page.body()).as(bad).contains("class=\"banner\"");
		}
		assertThat(browser.get("/challenges?client=424242").body()).contains("client must be one of the MDM clients");
		assertThat(browser.get("/challenges.csv?client=" + client + "&sort=subject").statusCode()).isEqualTo(400);
	}

	/** The challenge ids of the list's rows, in order. */
	private static List<String> rows(String page) {
		return Pattern.compile("data-challenge=\"(" + ID.pattern() + ")\"")
			.matcher(page)
			.results()
			.map((row) -> row.group(1))
			.toList();
	}

	private long createClient(Browser browser, String name) {
		String csrf = Browser.csrfToken(browser.get("/mdm-clients").body());
		browser.post("/mdm-clients", Map.of("name", name, "scopes", "challenge:mint", "_csrf", csrf));
		String page = browser.get("/mdm-clients").body();
		return Long.parseLong(
				page.replaceAll("(?s).*data-client=\"" + name + "\".*?action=\"/mdm-clients/(\\d+)/keys\".*", "$1"));
	}

	private List<String> audit(String target) {
		return this.jdbc.queryForList(
				"select concat_ws(' ', actor, action, detail) from admin.audit_record where target = ? order by seq",
				String.class, target);
	}

}
