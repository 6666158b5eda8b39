package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: one admin API call and one page follow an enrollment by its correlation id,
 * each service asked over its own API (here the fakes of the three).
 */
class EnrollmentHistoryTests extends AdminUiTestSupport {

	private static final String PATH = "/api/v1/enrollments/" + FakeServices.CORRELATION_ID;

	@Autowired
	AdminTokens tokens;

	@Test
	void whenAskedByCorrelationIdThenChallengeTransactionAndCertificateAnswerTogether() {
		HttpResponse<String> response = api(BOOTSTRAP_TOKEN).get(PATH);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"correlationId\":\"" + FakeServices.CORRELATION_ID + "\"")
			.contains("\"mintedBy\":\"jamf\"")
			.contains("\"type\":\"REFUSED\"")
			.contains("\"transactionId\":\"7F3A9C01\"")
			.contains("\"serialNumber\":\"" + FakeServices.SERIAL + "\"")
			.contains("\"renewals\":[]");
		assertThat(FakeServices.get().queries()).contains(
				"/internal/v1/challenge-lives/" + FakeServices.CORRELATION_ID + "?null",
				"/api/v1/certificates/correlated/" + FakeServices.CORRELATION_ID + "?null",
				"/internal/v1/webhook-deliveries?correlationId=" + FakeServices.CORRELATION_ID);
		assertThat(response.body()).contains("\"notifications\":[{").contains("\"webhook\":\"mdm-notify\"");
	}

	@Test
	void whenNoServiceKnowsTheIdThenProblem404AndANonUuidIsProblem400() {
		HttpResponse<String> unknown = api(BOOTSTRAP_TOKEN).get("/api/v1/enrollments/" + UUID.randomUUID());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/enrollments/1%20or%201=1").statusCode()).isEqualTo(400);
	}

	@Test
	void whenTheTokenLacksEnrollmentsReadOrThereIsNoneThenForbiddenOrUnauthorized() {
		String reader = this.tokens
			.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(AdminScope.CERTIFICATES_READ),
					"admin:test")
			.secret();
		assertThat(api(reader).get(PATH).statusCode()).isEqualTo(403);
		assertThat(api(null).get(PATH).statusCode()).isEqualTo(401);
		String enrollments = this.tokens
			.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(AdminScope.ENROLLMENTS_READ),
					"admin:test")
			.secret();
		assertThat(api(enrollments).get(PATH).statusCode()).isEqualTo(200);
	}

	@Test
	void whenThePageIsShownThenEveryDeviceTextIsEscapedAndTheListsLinkToIt() {
		String page = signedIn().get("/enrollments/" + FakeServices.CORRELATION_ID).body();
		assertThat(page).contains(FakeServices.CORRELATION_ID)
			.contains("jamf")
			.contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&lt;i&gt;tx&lt;/i&gt;")
			.contains("mdm-notify")
			.contains("&lt;b&gt;503&lt;/b&gt;")
			.doesNotContain("<b>503</b>")
			.doesNotContain("<script>alert(1)</script>")
			.doesNotContain("<i>tx</i>");
		String link = "/enrollments/" + FakeServices.CORRELATION_ID;
		assertThat(signedIn().get("/enrollments").body()).contains(link);
		assertThat(signedIn().get("/certificates").body()).contains(link);
		assertThat(signedIn().get("/certificates/" + FakeServices.SERIAL).body()).contains(link);
	}

	@Test
	void whenSignedOutThenThePageAsksToSignIn() {
		assertThat(browser().get("/enrollments/" + FakeServices.CORRELATION_ID).statusCode()).isEqualTo(302);
	}

}
