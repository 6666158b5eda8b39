package io.keyward.admin.token;

import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensPageTests extends AdminUiTestSupport {

	@Test
	void whenTokenCreatedOnThePageThenItsSecretIsShownOnceAndWorks() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/tokens").body());

		var created = browser.post("/tokens",
				Map.of("name", "page-token-" + System.nanoTime(), "scopes", "certificates:read", "_csrf", csrf));
		String shown = browser.get("/tokens").body();
		String shownAgain = browser.get("/tokens").body();

		assertThat(created.statusCode()).isEqualTo(302);
		String secret = shown.replaceAll("(?s).*id=\"new-token\">(kwa_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(secret).startsWith("kwa_");
		assertThat(shownAgain).doesNotContain(secret);
		assertThat(api(secret).get("/api/v1/certificates").statusCode()).isEqualTo(200);
		assertThat(api(secret).get("/api/v1/tokens").statusCode()).isEqualTo(403);
	}

}
