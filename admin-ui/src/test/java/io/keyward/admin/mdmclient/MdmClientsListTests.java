package io.keyward.admin.mdmclient;

import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MdmClientsListTests extends AdminUiTestSupport {

	@AfterEach
	void forgetClients() {
		FakeServices.get().reset();
	}

	@Test
	void whenSortedFilteredAndExportedThenTheMatchingClientsInThatOrder() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/mdm-clients").body());
		for (String name : new String[] { "list-b", "list-a", "list-c" }) {
			browser.post("/mdm-clients",
					Map.of("name", name, "scopes", "challenge:mint", "profiles", "vpn", "_csrf", csrf));
		}
		browser.post("/mdm-clients",
				Map.of("name", "other", "scopes", "challenge:mint", "profiles", "=cmd|' /C calc'!A0", "_csrf", csrf));

		String up = browser.get("/mdm-clients?q=list-&sort=name&dir=asc").body();
		String down = browser.get("/mdm-clients?q=list-&sort=name&dir=desc").body();
		String vpn = browser.get("/mdm-clients?profile=vpn").body();
		String nothing = browser.get("/mdm-clients?q=%3Cb%3Enone").body();
		var csv = browser.get("/mdm-clients.csv?sort=name&dir=desc");

		assertThat(up).contains("3 of 4 shown").contains("aria-sort=\"ascending\"");
		assertThat(up.indexOf("data-client=\"list-a\"")).isLessThan(up.indexOf("data-client=\"list-b\""));
		assertThat(up.indexOf("data-client=\"list-b\"")).isLessThan(up.indexOf("data-client=\"list-c\""));
		assertThat(down.indexOf("data-client=\"list-c\"")).isLessThan(down.indexOf("data-client=\"list-a\""));
		assertThat(vpn).contains("3 of 4 shown").doesNotContain("data-client=\"other\"");
		assertThat(nothing).contains("Nothing matches this filter.")
			.doesNotContain("<b>none")
			.contains("&lt;b&gt;none");
		assertThat(csv.statusCode()).isEqualTo(200);
		String[] lines = csv.body().split("\r\n");
		assertThat(lines).hasSize(5);
		assertThat(lines[1]).startsWith("\"other\"").contains("\"'=cmd|' /C calc'!A0\"").doesNotContain("kw_");
		assertThat(lines[2]).startsWith("\"list-c\"");
	}

}
