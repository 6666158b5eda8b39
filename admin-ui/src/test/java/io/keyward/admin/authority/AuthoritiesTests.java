package io.keyward.admin.authority;

import io.keyward.admin.AdminUiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthoritiesTests extends AdminUiTestSupport {

	@Test
	void whenShownThenCaAndRaCertificatesHaveTheirDaysLeft() {
		var page = signedIn().get("/authorities");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("CN=Keyward Root CA,O=Keyward")
			.contains("RA signing")
			.contains("CURRENT")
			.contains("days-low");
	}

	@Test
	void whenTheCaChainsToARootThenTheRootIsListedWithItsFingerprintAndDaysLeft() {
		String body = signedIn().get("/authorities").body();

		assertThat(body).containsPattern("<td>Root CA</td>\\s*<td></td>\\s*<td class=\"subject\">"
				+ "O=Keyward,CN=Keyward Test Root</td>\\s*<td class=\"mono\">0A1B</td>\\s*"
				+ "<td class=\"mono fingerprint\">([0-9A-F]{2}:){31}[0-9A-F]{2}</td>");
	}

	@Test
	void whenSortedByRoleBothWaysAndFilteredByRoleThenTheTableFollows() {
		var browser = signedIn();

		String up = browser.get("/authorities?sort=role&dir=asc").body();
		String down = browser.get("/authorities?sort=role&dir=desc").body();
		String roots = browser.get("/authorities?role=Root+CA").body();
		String none = browser.get("/authorities?q=%22%3E%3Cimg+src%3Dx%3E").body();

		assertThat(up.indexOf("<td>RA signing</td>")).isPositive().isLessThan(up.indexOf("<td>Root CA</td>"));
		assertThat(down.indexOf("<td>Root CA</td>")).isPositive().isLessThan(down.indexOf("<td>RA signing</td>"));
		assertThat(down).contains("aria-sort=\"descending\"");
		assertThat(roots).contains("<td>Root CA</td>").doesNotContain("<td>RA signing</td>").contains("1 of ");
		assertThat(none).contains("Nothing matches this filter.").doesNotContain("<img src=x>");
	}

	@Test
	void whenReadOverTheApiThenBothListsAnswer() {
		var answer = api(BOOTSTRAP_TOKEN).get("/api/v1/authorities");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"ca\":[").contains("\"ra\":[").contains("Keyward Root CA");
	}

}
