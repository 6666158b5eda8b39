package io.keyward.admin.audit;

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

	private String marker;

	@BeforeEach
	void record() {
		this.marker = "m" + UUID.randomUUID().toString().replace("-", "");
		this.actions.record("admin:alice", "token_created", "token:first-" + this.marker, null);
		this.actions.record("admin:bob", "token_revoked", "token:second-" + this.marker, "<script>alert(3)</script>");
	}

	@Test
	void whenFilteredByTextThenOnlyItsRecordsInEitherOrderAndPagedByCursor() {
		List<String> newest = targets(new AuditQuery(null, null, this.marker.toUpperCase(), null, null, false, 10));
		List<String> oldest = targets(new AuditQuery(null, null, this.marker, null, null, true, 10));
		AuditQuery firstOfOne = new AuditQuery(null, null, this.marker, null, null, true, 1);
		List<AuditRecord> first = this.auditLog.page(firstOfOne);

		assertThat(newest).containsExactly("token:second-" + this.marker, "token:first-" + this.marker);
		assertThat(oldest).containsExactly("token:first-" + this.marker, "token:second-" + this.marker);
		assertThat(targets(firstOfOne.next(first.getLast().seq()))).containsExactly("token:second-" + this.marker);
		assertThat(targets(new AuditQuery(null, "token_revoked", this.marker, null, null, true, 10)))
			.containsExactly("token:second-" + this.marker);
		assertThat(targets(new AuditQuery(null, null, this.marker + "%", null, null, true, 10))).isEmpty();
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
	void whenSortedNewestFirstOrByAnUnknownOrderThenNewestFirst() {
		Browser browser = signedIn();
		for (String sort : List.of("time:desc", "actor%3Bdrop")) {
			String page = browser.get("/audit?q=" + this.marker + "&sort=" + sort).body();

			assertThat(page.indexOf("token:second-" + this.marker)).as(sort)
				.isPositive()
				.isLessThan(page.indexOf("token:first-" + this.marker));
			assertThat(page).as(sort)
				.contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/audit?q=" + this.marker
						+ "&amp;sort=time:asc\"");
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

	private List<String> targets(AuditQuery query) {
		return this.auditLog.page(query).stream().map(AuditRecord::target).toList();
	}

}
