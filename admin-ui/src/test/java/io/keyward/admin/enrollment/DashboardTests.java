package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTests extends AdminUiTestSupport {

	@Test
	void whenSignedInThenRecentTransactionsShown() {
		HttpResponse<String> page = signedIn().get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("2026-03-01 10:15:30")
			.contains("7F3A9C01")
			.contains("CN=iphone-4711,O=Example")
			.contains("ISSUED")
			.contains("5E1F00A7C3")
			.contains("routers")
			.contains("FAILED")
			.contains("badRequest: challenge already used")
			.contains("PENDING")
			.doesNotContain("class=\"banner\"");
	}

	@Test
	void whenDevicesUseLegacyCryptoThenTheRowSaysSo() {
		String body = signedIn().get("/").body();

		assertThat(body).contains("AES256/CBC · RSA · SHA256 · SHA256WITHRSA")
			.contains("1.3.14.3.2.7 · RSA · SHA1 · RSA");
		// one legacy row (single DES, SHA-1), the modern one is not marked
		assertThat(body.split("status-legacy", -1)).hasSize(2);
	}

	@Test
	void whenSubjectCarriesMarkupThenItIsEscaped() {
		String body = signedIn().get("/").body();

		assertThat(body).contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(FakeServices.HOSTILE_SUBJECT)
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void whenPageRequestedThenGatewayAskedForThatPageAndPagerShown() {
		Browser browser = signedIn();

		String body = browser.get("/?page=1").body();

		assertThat(FakeServices.get().queries()).contains("/api/v1/transactions?page=1&size=25");
		assertThat(body).contains("Page 2 of 3 (60 total)").contains("href=\"/?page=0\"").contains("href=\"/?page=2\"");
	}

	@Test
	void whenNegativePageRequestedThenFirstPage() {
		String body = signedIn().get("/?page=-4").body();

		assertThat(FakeServices.get().queries()).contains("/api/v1/transactions?page=0&size=25");
		assertThat(body).contains("Page 1 of 3");
	}

	@Test
	void whenPageIsNotANumberThenBadRequestWithoutDetails() {
		HttpResponse<String> response = signedIn().get("/?page=abc");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.keyward");
	}

}
