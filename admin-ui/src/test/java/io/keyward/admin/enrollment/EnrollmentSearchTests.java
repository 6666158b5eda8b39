package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrollments list's search, per-column filters, sort links, cursor pages and CSV
 * export, and the admin API's request search, against the fake gateway: what reaches the
 * gateway's search is checked, so is what the page and the file show.
 */
class EnrollmentSearchTests extends AdminUiTestSupport {

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	@Test
	void whenSearchedWithFiltersThenOneQueryReachesTheGatewayAndThePageKeepsThem() {
		String body = signedIn()
			.get("/enrollments?q=iphone&status=refused&profile=ios&from=2026-03-01&to=2026-03-31&sort=subject:asc")
			.body();

		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.startsWith("/api/v1/transactions?")
				&& query.contains("q=iphone status:refused profile:ios from:2026-03-01 to:2026-03-31")
				&& query.contains("sort=subject:asc") && query.contains("size=25"));
		assertThat(body).contains("value=\"iphone\"")
			.contains("<option value=\"refused\" selected=\"selected\">Refused</option>")
			.contains("<option value=\"ios\" selected")
			.contains("value=\"2026-03-01\"")
			.contains("value=\"2026-03-31\"")
			.contains("CN=iphone-4711,O=Example");
		// the sorted column links to its reverse and says so; the others to their first
		// order
		assertThat(body)
			.contains("aria-sort=\"ascending\"><a class=\"sort\" href=\"/enrollments?q=iphone&amp;"
					+ "status=refused&amp;profile=ios&amp;from=2026-03-01&amp;to=2026-03-31&amp;sort=subject:desc\"")
			.contains("sort=created:desc\">Time (UTC)</a>")
			.contains("sort=status:asc\">Status</a>")
			.contains("href=\"/enrollments.csv?q=iphone&amp;status=refused&amp;profile=ios&amp;from=2026-03-01&amp;"
					+ "to=2026-03-31&amp;sort=subject:asc\"");
	}

	@Test
	void whenTheGatewayHasAnotherPageThenNextFollowsItsCursorWithTheSameSearch() {
		String first = signedIn().get("/enrollments?q=ipad&sort=status:asc").body();

		assertThat(first)
			.contains("href=\"/enrollments?q=ipad&amp;sort=status:asc&amp;after=" + FakeServices.SEARCH_CURSOR
					+ "\" rel=\"next\"")
			.doesNotContain("rel=\"first\"")
			.contains("refusals-heading");

		String second = signedIn().get("/enrollments?q=ipad&sort=status:asc&after=" + FakeServices.SEARCH_CURSOR)
			.body();

		assertThat(second).contains("PAGE2TX")
			.doesNotContain("rel=\"next\"")
			.contains("href=\"/enrollments?q=ipad&amp;sort=status:asc\" rel=\"first\"")
			.doesNotContain("refusals-heading");
	}

	@Test
	void whenTheGatewayCannotReadTheQueryThenTheBannerSaysWhy() {
		HttpResponse<String> page = signedIn().get("/enrollments?q=bad");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("status: must be pending").contains("value=\"bad\"");
	}

	@Test
	void whenExportedThenEveryPageOfTheSearchWithFormulasDefused() {
		HttpResponse<String> csv = signedIn().get("/enrollments.csv?q=ipad&status=pending");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"keyward-enrollments.csv\"");
		assertThat(csv.body()).startsWith("\"created_at\",\"profile\",\"transaction_id\",")
			.contains("\"7F3A9C01\"")
			.contains("\"Pending\"")
			.contains("\"Expired\"")
			// the second page, by the cursor; its subject is a formula, defused
			.contains("\"PAGE2TX\"")
			.contains("\"'=HYPERLINK(\"\"x\"\")\"")
			.doesNotContain(",\"=HYPERLINK");
		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.contains("q=ipad status:pending")
				&& query.contains("after=" + FakeServices.SEARCH_CURSOR) && query.contains("size=500"));
	}

	@Test
	void whenTheExportsQueryIsBadThenProblem400AndNoFile() {
		HttpResponse<String> csv = signedIn().get("/enrollments.csv?q=bad");

		assertThat(csv.statusCode()).isEqualTo(400);
		assertThat(csv.body()).doesNotContain("created_at");
	}

	@Test
	void whenSearchedOverTheAdminApiThenTheGatewaysPageAnswers() {
		HttpResponse<String> answer = api(BOOTSTRAP_TOKEN).get("/api/v1/enrollments?q=ipad&sort=created:asc&size=10");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"transactionId\":\"7F3A9C01\"")
			.contains("\"nextCursor\":\"" + FakeServices.SEARCH_CURSOR + "\"");
		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.startsWith("/api/v1/transactions?")
				&& query.contains("q=ipad") && query.contains("sort=created:asc") && query.contains("size=10"));

		HttpResponse<String> bad = api(BOOTSTRAP_TOKEN).get("/api/v1/enrollments?q=bad");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(bad.body()).contains("status: must be pending");
	}

}
