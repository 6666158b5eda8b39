package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import io.keyward.admin.web.Paging;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardTests extends AdminUiTestSupport {

	@Test
	void whenSignedInThenRecentTransactionsShown() {
		HttpResponse<String> page = signedIn().get("/enrollments");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("2026-03-01 10:15:30")
			.contains("7F3A9C01")
			.contains("CN=iphone-4711,O=Example")
			.contains("status-issued\">Issued<")
			.contains("routers")
			.contains("status-failed\">Refused<")
			.contains("badRequest: challenge already used")
			.doesNotContain("class=\"banner\"");
	}

	@Test
	void whenSerialStartsWithAByteBelow0x10ThenItsLeadingZeroIsShown() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains(">0FCB04A6C3D2<").doesNotContain(">" + FakeServices.OLD_SERIAL + "<");
	}

	@Test
	void whenTransactionIsOpenThenItIsShownPendingInThePendingStyle() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("status-pending\">Pending<")
			.contains("status-expired\">Expired<")
			.doesNotContain(">RECEIVED<")
			.doesNotContain(">FAILED<");
	}

	@Test
	void whenTheListIsEmptyThenEveryPageButTheFirstIsBeyondTheLast() {
		assertThat(new Paging(0, 25, 0).beyondLast()).isFalse();
		assertThat(new Paging(7, 25, 0).beyondLast()).isTrue();
		assertThat(new Paging(7, 25, 0).lastPage()).isZero();
		assertThat(new Paging(3, 25, 60).beyondLast()).isTrue();
		assertThat(new Paging(2, 25, 60).beyondLast()).isFalse();
		assertThat(new Paging(3, 25, 60).lastPage()).isEqualTo(2);
	}

	@Test
	void whenEnrollmentsListedAtTheirOwnPathThenTheNavLinksThere() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("CN=iphone-4711,O=Example").contains("href=\"/enrollments\"");
	}

	@Test
	void whenTheGatewayRefusedRequestsBeforeRecordingThemThenTheyAreListedWithTheirReason() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("Refused before a transaction was recorded")
			.contains("REFUSED01")
			.contains("badRequest: challengePassword missing")
			.contains("&lt;b&gt;nope&lt;/b&gt;")
			.doesNotContain("<b>nope</b>");
		assertThat(FakeServices.get().queries()).contains("/api/v1/refusals?page=0&size=25");
	}

	@Test
	void whenDevicesUseLegacyCryptoThenTheRowSaysSo() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("AES256/CBC · RSA · SHA256 · SHA256WITHRSA")
			.contains("1.3.14.3.2.7 · RSA · SHA1 · RSA");
		// one legacy row (single DES, SHA-1), the modern one is not marked
		assertThat(body.split("status-legacy", -1)).hasSize(2);
	}

	@Test
	void whenSubjectCarriesMarkupThenItIsEscaped() {
		String body = signedIn().get("/enrollments").body();

		assertThat(body).contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(FakeServices.HOSTILE_SUBJECT)
			.doesNotContain("<script>alert(1)</script>");
	}

}
