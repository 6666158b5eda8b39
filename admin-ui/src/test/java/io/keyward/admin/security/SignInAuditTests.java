package io.keyward.admin.security;

import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SignInAuditTests extends AdminUiTestSupport {

	@Test
	void whenSignInSucceedsAndSignOutThenBothLoggedWithoutPassword(CapturedOutput output) {
		Browser browser = signedIn();
		browser.post("/logout", Map.of("_csrf", Browser.csrfToken(browser.get("/").body())));

		assertThat(output.getOut()).contains("event=admin_signed_in username=admin")
			.contains("event=admin_signed_out username=admin")
			.doesNotContain(PASSWORD);
	}

	@Test
	void whenSignInFailsThenLoggedWithoutPasswordAndWithoutLineBreaks(CapturedOutput output) {
		browser().login("admin\nevent=admin_signed_in username=admin", "wrong password 123");

		assertThat(output.getOut())
			.contains("event=admin_sign_in_failed username=admin_event=admin_signed_in username=admin")
			.doesNotContain("wrong password 123");
		assertThat(output.getOut()).doesNotContain("\nevent=admin_signed_in");
	}

}
