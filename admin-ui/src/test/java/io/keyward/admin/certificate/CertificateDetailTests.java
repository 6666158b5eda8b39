package io.keyward.admin.certificate;

import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateDetailTests extends AdminUiTestSupport {

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	@Test
	void whenDetailShownThenFieldsAreDecodedAndMarkupEscaped() {
		var page = signedIn().get("/certificates/" + FakeServices.SERIAL);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("EC 256")
			.contains("SHA256withECDSA")
			.contains("CN=iphone-4711,O=Example")
			.doesNotContain("<script>")
			.contains("Issued")
			.contains("Requested (PKCSReq)")
			.contains("Revoke certificate");
	}

	@Test
	void whenPemDownloadedThenItIsTheCertificate() {
		var pem = signedIn().get("/certificates/" + FakeServices.SERIAL + "/pem");

		assertThat(pem.statusCode()).isEqualTo(200);
		assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(pem.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains("attachment").contains(FakeServices.SERIAL + ".pem"));
	}

	@Test
	void whenRevokeFormLacksCsrfTokenThenRefused() {
		Browser browser = signedIn();
		int before = FakeServices.get().bodies().size();

		var answer = browser.post("/certificates/" + FakeServices.SERIAL + "/revoke", Map.of("reason", "superseded"));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(FakeServices.get().bodies()).hasSize(before);
	}

	@Test
	void whenRevokedFromTheDashboardThenTheCaHearsTheAdmin() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/certificates/" + FakeServices.SERIAL).body());

		var answer = browser.post("/certificates/" + FakeServices.SERIAL + "/revoke",
				Map.of("reason", "cessationOfOperation", "comment", "decommissioned", "_csrf", csrf));

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(FakeServices.get().bodies()).anyMatch((body) -> body.contains("cessationOfOperation")
				&& body.contains("\"revokedBy\":\"admin:admin\"") && body.contains("decommissioned"));
		String after = browser.get("/certificates/" + FakeServices.SERIAL).body();
		assertThat(after).contains("revoked (cessationOfOperation)").contains("certificate_revoked");
	}

	@Test
	void whenSerialUnknownThenNotFoundPage() {
		var page = signedIn().get("/certificates/0BAD");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("no certificate with serial");
	}

}
