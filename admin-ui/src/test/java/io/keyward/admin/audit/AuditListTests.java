package io.keyward.admin.audit;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page's order, text and action filters and keyset pages, on the real database:
 * each test's records carry their own marker so other tests' records never match.
 */
class AuditListTests extends AdminUiTestSupport {

	@Autowired
	AdminActions actions;

	@Autowired
	AuditLog auditLog;

	private static final AuditSort OLDEST_FIRST = AuditSort.parse("time:asc");

	private String marker;

	@BeforeEach
	void record() {
		this.marker = "m" + UUID.randomUUID().toString().replace("-", "");
		this.actions.record("admin:alice", "token_created", "token:first-" + this.marker, null);
		this.actions.record("admin:bob", "token_revoked", "token:second-" + this.marker, "<script>alert(3)</script>");
	}

	@Test
	void whenFilteredByTextThenOnlyItsRecordsInEitherOrderAndPagedByCursor() {
		List<String> newest = targets(new AuditQuery(null, null, this.marker.toUpperCase(), null, 10));
		List<String> oldest = targets(new AuditQuery(null, null, this.marker, OLDEST_FIRST, 10));
		AuditQuery firstOfOne = new AuditQuery(null, null, this.marker, OLDEST_FIRST, 1);
		List<AuditRecord> first = this.auditLog.page(firstOfOne);

		assertThat(newest).containsExactly("token:second-" + this.marker, "token:first-" + this.marker);
		assertThat(oldest).containsExactly("token:first-" + this.marker, "token:second-" + this.marker);
		assertThat(targets(firstOfOne.next(first.getLast()))).containsExactly("token:second-" + this.marker);
		assertThat(targets(new AuditQuery(null, "token_revoked", this.marker, OLDEST_FIRST, 10)))
			.containsExactly("token:second-" + this.marker);
		assertThat(targets(new AuditQuery(null, null, this.marker + "%", OLDEST_FIRST, 10))).isEmpty();
	}

	@Test
	void whenSortedOldestFirstThenThePageSaysSoAndTheLinksKeepTheFilter() {
		String page = signedIn().get("/audit?q=" + this.marker + "&sort=time:asc").body();

		assertThat(page.indexOf("token:first-" + this.marker)).isPositive()
			.isLessThan(page.indexOf("token:second-" + this.marker));
		assertThat(page)
			.contains("aria-sort=\"ascending\"><a class=\"sort\" href=\"/audit?q=" + this.marker
					+ "&amp;sort=time:desc\"")
			.contains("href=\"/audit/export?q=" + this.marker + "&amp;sort=time:asc&amp;format=csv\"")
			.contains("&lt;script&gt;alert(3)&lt;/script&gt;")
			.doesNotContain("<script>alert(3)");
	}

	@Test
	void whenSortedNewestFirstThenNewestFirst() {
		String page = signedIn().get("/audit?q=" + this.marker + "&sort=time:desc").body();

		assertThat(page.indexOf("token:second-" + this.marker)).isPositive()
			.isLessThan(page.indexOf("token:first-" + this.marker));
		assertThat(page).contains(
				"aria-sort=\"descending\"><a class=\"sort\" href=\"/audit?q=" + this.marker + "&amp;sort=time:asc\"");
	}

	@Test
	void whenTheSortIsUnknownThenThePageSaysSoWith400AndTheApiAnswersAProblem() {
		Browser browser = signedIn();
		for (String sort : List.of("actor%3Bdrop", "actor:sideways", "target")) {
			HttpResponse<String> page = browser.get("/audit?q=" + this.marker + "&sort=" + sort);
			HttpResponse<String> api = api(BOOTSTRAP_TOKEN).get("/api/v1/audit?sort=" + sort);

			assertThat(page.statusCode()).as(sort).isEqualTo(400);
			assertThat(page.body()).as(sort)
				.contains("role=\"alert\">This page cannot be shown: " + AuditSort.SPELLINGS)
				.doesNotContain("token:first-" + this.marker);
			assertProblem(api, AuditSort.SPELLINGS);
			assertThat(browser.get("/audit/export?format=csv&sort=" + sort).statusCode()).as(sort).isEqualTo(400);
		}
	}

	@Test
	void whenFilteredByActionThenTheSelectKeepsItAndOthersAreGone() {
		String page = signedIn().get("/audit?action=token_revoked&q=" + this.marker).body();

		assertThat(page).contains("<option value=\"token_revoked\" selected")
			.contains("token:second-" + this.marker)
			.doesNotContain("token:first-" + this.marker);
		assertThat(signedIn().get("/audit?action=token_revoked&q=" + this.marker + "x").body())
			.contains("Nothing matches this filter.");
	}

	@Test
	void whenExportedOldestFirstThenTheFileHasTheFilteredRecordsInThatOrder() {
		String csv = signedIn().get("/audit/export?format=csv&sort=time:asc&q=" + this.marker).body();

		assertThat(csv.lines()).hasSize(3);
		assertThat(csv.indexOf("token:first-" + this.marker)).isLessThan(csv.indexOf("token:second-" + this.marker));
	}

	static void assertProblem(HttpResponse<String> answer, String detail) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains(detail);
	}

	private List<String> targets(AuditQuery query) {
		return this.auditLog.page(query).stream().map(AuditRecord::target).toList();
	}

}
