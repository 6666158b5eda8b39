package io.keyward.admin.account;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class AdminsListTests extends AdminUiTestSupport {

	@Autowired
	private AdminAccounts accounts;

	@Test
	void whenFilteredAndSortedThenOnlyTheMatchingAdminsInThatOrder() {
		String prefix = "lst" + System.nanoTime();
		this.accounts.create(prefix + "-b", "AUDITOR", "admin:admin");
		this.accounts.create(prefix + "-a", "APPROVER", "admin:admin");
		this.accounts.create(prefix + "-c", "AUDITOR", "admin:admin");
		this.accounts.disable(prefix + "-c", "admin:admin");
		Browser browser = signedIn();

		String ascending = browser.get("/admins?q=" + prefix + "&sort=username&dir=asc").body();
		String descending = browser.get("/admins?q=" + prefix + "&sort=username&dir=desc").body();
		String auditors = browser.get("/admins?q=" + prefix + "&role=AUDITOR&state=enabled").body();

		assertThat(ascending).contains("3 of ").contains("aria-sort=\"ascending\"");
		assertThat(ascending.indexOf("admin-" + prefix + "-a")).isLessThan(ascending.indexOf("admin-" + prefix + "-b"));
		assertThat(ascending.indexOf("admin-" + prefix + "-b")).isLessThan(ascending.indexOf("admin-" + prefix + "-c"));
		assertThat(descending).contains("aria-sort=\"descending\"");
		assertThat(descending.indexOf("admin-" + prefix + "-c"))
			.isLessThan(descending.indexOf("admin-" + prefix + "-a"));
		assertThat(auditors).contains("1 of ")
			.contains("admin-" + prefix + "-b")
			.doesNotContain("admin-" + prefix + "-a\"");
		assertThat(auditors)
			.contains("href=\"/admins?q=" + prefix + "&amp;role=AUDITOR&amp;state=enabled&amp;sort=role&amp;dir=asc\"");
	}

	@Test
	void whenFilterMatchesNothingThenTheEmptyStateSaysSoAndHostileTextIsEscaped() {
		String page = signedIn().get("/admins?q=%3Cscript%3Ealert(1)%3C/script%3E").body();

		assertThat(page).contains("Nothing matches this filter.").contains("0 of ");
		assertThat(page).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
	}

	@Test
	void whenExportedThenCsvOfTheFilterWithFormulasDefused() {
		String name = "csv" + System.nanoTime();
		this.accounts.create(name, "AUDITOR", "=HYPERLINK(\"http://evil\")");

		var csv = signedIn().get("/admins.csv?q=" + name);

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.body().split("\r\n")).hasSize(2);
		assertThat(csv.body()).startsWith("\"username\",\"role\",\"state\",\"created_at\",\"created_by\"\r\n")
			.contains("\"" + name + "\",\"AUDITOR\"")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
	}

	@Test
	void whenSignedOutThenTheCsvIsNotServed() {
		assertThat(browser().get("/admins.csv").statusCode()).isIn(302, 401, 403);
	}

}
