package io.keyward.admin.account;

import java.net.http.HttpResponse;
import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTests extends AdminUiTestSupport {

	private static final String NEW_PASSWORD = "a much better passphrase 2026";

	@Test
	void whenCurrentPasswordRightThenChangedAndOnlyNewPasswordSignsIn() {
		Browser browser = signedIn();

		HttpResponse<String> change = change(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

		assertThat(change.statusCode()).isEqualTo(302);
		assertThat(change.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/account/password?changed"));
		assertThat(browser.get("/account/password?changed").body()).contains("Your password has been changed.");
		assertThat(browser().login("admin", PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(browser().login("admin", NEW_PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void whenPasswordChangedThenOtherSessionsEndAndThisOneStays() {
		Browser elsewhere = signedIn();
		Browser here = signedIn();
		assertThat(elsewhere.get("/").statusCode()).isEqualTo(200);

		assertThat(change(here, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).statusCode()).isEqualTo(302);

		HttpResponse<String> ended = elsewhere.get("/");
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(ended.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
		assertThat(elsewhere.get("/").statusCode()).isEqualTo(302);
		assertThat(elsewhere.get("/login?expired").body()).contains("Your session has ended");
		assertThat(here.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void whenCurrentPasswordWrongThenRefusedAndUnchanged() {
		HttpResponse<String> change = change(signedIn(), "not the password", NEW_PASSWORD, NEW_PASSWORD);

		assertThat(change.statusCode()).isEqualTo(422);
		assertThat(change.body()).contains("The current password is not correct.");
		assertThat(browser().login("admin", PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void whenNewPasswordTooShortOrNotConfirmedThenRefused() {
		Browser browser = signedIn();

		HttpResponse<String> tooShort = change(browser, PASSWORD, "short", "short");
		HttpResponse<String> mismatch = change(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x");

		assertThat(tooShort.statusCode()).isEqualTo(422);
		assertThat(tooShort.body()).contains("at least 12 characters");
		assertThat(mismatch.statusCode()).isEqualTo(422);
		assertThat(mismatch.body()).contains("confirmation differ");
	}

	@Test
	void whenPostedWithoutCsrfTokenThenForbidden() {
		Browser browser = signedIn();

		HttpResponse<String> change = browser.post("/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

		assertThat(change.statusCode()).isEqualTo(403);
		assertThat(browser().login("admin", PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void whenUnauthenticatedThenRedirectedToLogin() {
		assertThat(browser().get("/account/password").statusCode()).isEqualTo(302);
	}

	private static HttpResponse<String> change(Browser browser, String current, String fresh, String confirm) {
		String token = Browser.csrfToken(browser.get("/account/password").body());
		return browser.post("/account/password",
				Map.of("currentPassword", current, "newPassword", fresh, "confirmPassword", confirm, "_csrf", token));
	}

}
