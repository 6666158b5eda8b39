package io.keyward.admin.audit;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log sorted by actor and by action as well as by time, either way, ties by
 * sequence number; keyset pages that follow each order and refuse another order's cursor;
 * the actor filter as a select of the log's actors; the page, the API and the downloads
 * alike. Each test's records carry their own marker.
 */
class AuditSortTests extends AdminUiTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AdminActions actions;

	@Autowired
	AuditLog auditLog;

	private String marker;

	private String alice;

	private String bob;

	@BeforeEach
	void record() {
		this.marker = "m" + UUID.randomUUID().toString().replace("-", "");
		this.alice = "admin:" + this.marker + "-a";
		this.bob = "admin:" + this.marker + "-b";
		this.actions.record(this.bob, "token_revoked", "t1-" + this.marker, null);
		this.actions.record(this.alice, "token_created", "t2-" + this.marker, null);
		this.actions.record(this.bob, "token_created", "t3-" + this.marker, null);
		this.actions.record(this.alice, "token_revoked", "t4-" + this.marker, null);
	}

	@Test
	void whenSortedByActorOrActionEitherWayThenThatOrderTiesByIdOnEveryPageOfTheApi() {
		Map<String, List<String>> expected = Map.of("actor:asc", List.of("t2", "t4", "t1", "t3"), "actor:desc",
				List.of("t3", "t1", "t4", "t2"), "action:asc", List.of("t2", "t3", "t1", "t4"), "action:desc",
				List.of("t4", "t1", "t3", "t2"), "actor", List.of("t2", "t4", "t1", "t3"), "time:asc",
				List.of("t1", "t2", "t3", "t4"));
		expected.forEach((sort, order) -> {
			List<String> whole = targets(body(get("?q=" + this.marker + "&sort=" + sort)));
			List<String> paged = new ArrayList<>();
			String after = "";
			for (int page = 0; page < 5 && after != null; page++) {
				JsonNode answer = body(get("?q=" + this.marker + "&sort=" + sort + "&limit=1" + after));
				paged.addAll(targets(answer));
				after = answer.path("after").isNull() ? null : "&after=" + answer.path("after").asString();
			}
			assertThat(whole).as(sort).isEqualTo(order);
			assertThat(paged).as(sort + ", one record a page").isEqualTo(order);
		});
	}

	@Test
	void whenTheCursorIsOfAnotherOrderOrNoCursorThenRefusedClearly() {
		String cursor = body(get("?q=" + this.marker + "&sort=actor:asc&limit=1")).path("after").asString();
		Browser browser = signedIn();

		AuditListTests.assertProblem(
				api(BOOTSTRAP_TOKEN).get("/api/v1/audit?q=" + this.marker + "&sort=action:asc&after=" + cursor),
				"after is a cursor of another sort order");
		AuditListTests.assertProblem(api(BOOTSTRAP_TOKEN).get("/api/v1/audit?sort=actor:desc&after=" + cursor),
				"after is a cursor of another sort order");
		AuditListTests.assertProblem(api(BOOTSTRAP_TOKEN).get("/api/v1/audit?after=%21%21not-base64"),
				"after is not a cursor this API returned");
		AuditListTests.assertProblem(api(BOOTSTRAP_TOKEN).get("/api/v1/audit?sort=actor&before=12"),
				"before pages newest first only");
		HttpResponse<String> page = browser.get("/audit?q=" + this.marker + "&sort=action:desc&after=" + cursor);
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("This page cannot be shown: after is a cursor of another sort order")
			.contains("<input type=\"hidden\" name=\"sort\" value=\"action:desc\">")
			.doesNotContain("t1-" + this.marker);
	}

	@Test
	void whenThePageIsSortedByActorThenHeadersCsvAndNextLinkKeepTheOrderAndFilters() {
		Browser browser = signedIn();
		String page = browser.get("/audit?q=" + this.marker + "&sort=actor:desc").body();

		assertThat(order(page, "t3", "t1", "t4", "t2")).isTrue();
		assertThat(page)
			.contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/audit?q=" + this.marker
					+ "&amp;sort=actor:asc\">Actor</a>")
			.contains("aria-sort=\"none\"><a class=\"sort\" href=\"/audit?q=" + this.marker
					+ "&amp;sort=action:asc\">Action</a>")
			.contains("href=\"/audit/export?q=" + this.marker + "&amp;sort=actor:desc&amp;format=csv\"")
			.contains("<input type=\"hidden\" name=\"sort\" value=\"actor:desc\">");
		String csv = browser.get("/audit/export?format=csv&sort=actor:desc&q=" + this.marker).body();
		String jsonl = api(BOOTSTRAP_TOKEN)
			.get("/api/v1/audit/export?format=jsonl&sort=action:asc&actor=" + this.bob + "&q=" + this.marker)
			.body();
		assertThat(csv.lines()).hasSize(5);
		assertThat(order(csv, "t3", "t1", "t4", "t2")).isTrue();
		assertThat(jsonl.lines()).hasSize(2);
		assertThat(order(jsonl, "t3", "t1")).isTrue();
	}

	@Test
	void whenTheLogHasActorsThenTheFilterIsASelectOfThemAndSelectingOneFilters() {
		this.actions.record("address:198.51.100.7-" + this.marker, "admin_sign_in_failed", "admin:x-" + this.marker,
				null);
		String page = signedIn().get("/audit?actor=" + this.alice + "&sort=action:desc").body();

		assertThat(page).contains("<select id=\"actor\" name=\"actor\">")
			.contains("<option value=\"" + this.alice + "\" selected=\"selected\">" + this.alice + "</option>")
			.contains("<option value=\"" + this.bob + "\">" + this.bob + "</option>");
		assertThat(page.indexOf("label=\"Failed sign-ins from\""))
			.isLessThan(page.indexOf("<option value=\"address:198.51.100.7-" + this.marker + "\""))
			.isGreaterThan(page.indexOf("<option value=\"" + this.bob + "\""));
		assertThat(order(page, "t4", "t2")).isTrue();
		assertThat(page).doesNotContain(">t1-" + this.marker).doesNotContain(">t3-" + this.marker);
	}

	@Test
	void whenActorsAreListedThenEachOnceInByteOrderWithinTheRangeAndTheLimit() {
		String from = "admin:" + this.marker;
		String to = "admin:" + this.marker + "~";

		assertThat(this.auditLog.actors(from, to, 10)).containsExactly(this.alice, this.bob);
		assertThat(this.auditLog.actors(from, to, 1)).containsExactly(this.alice);
		assertThat(this.auditLog.actors(this.bob, to, 10)).containsExactly(this.bob);
	}

	private HttpResponse<String> get(String query) {
		HttpResponse<String> answer = api(BOOTSTRAP_TOKEN).get("/api/v1/audit" + query);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private JsonNode body(HttpResponse<String> answer) {
		return this.json.readTree(answer.body());
	}

	private List<String> targets(JsonNode page) {
		return page.path("records").findValuesAsString("target").stream().map((t) -> t.substring(0, 2)).toList();
	}

	/**
	 * @return whether the text names the records (by target) in this order
	 */
	private boolean order(String text, String... targets) {
		int at = -1;
		for (String target : targets) {
			int next = text.indexOf(target + "-" + this.marker);
			if (next <= at) {
				return false;
			}
			at = next;
		}
		return true;
	}

}
