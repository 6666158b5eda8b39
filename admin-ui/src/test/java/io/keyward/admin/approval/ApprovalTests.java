package io.keyward.admin.approval;

import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalTests extends AdminUiTestSupport {

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	@Test
	void whenPendingListedThenTheGatewayIsAskedForWaitingRequests() {
		var answer = api(BOOTSTRAP_TOKEN).get("/api/v1/requests?status=PENDING");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains(FakeServices.WAITING_ID);
		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.contains("status=WAITING_APPROVAL"));
	}

	@Test
	void whenApprovedOverTheApiThenTheGatewayHearsWhoAndASecondDecisionConflicts() {
		var approved = api(BOOTSTRAP_TOKEN).post("/api/v1/requests/" + FakeServices.WAITING_ID + "/approve",
				"{\"comment\":\"known device\"}");
		var again = api(BOOTSTRAP_TOKEN).post("/api/v1/requests/" + FakeServices.WAITING_ID + "/reject", "{}");

		assertThat(approved.statusCode()).isEqualTo(200);
		assertThat(FakeServices.get().bodies())
			.anyMatch((body) -> body.contains("\"decidedBy\":\"token:bootstrap\"") && body.contains("known device"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("not waiting for approval");
	}

	@Test
	void whenStatusOrIdIsWrongThenProblem() {
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/requests?status=MAYBE").statusCode()).isEqualTo(400);
		assertThat(api(BOOTSTRAP_TOKEN).post("/api/v1/requests/not-an-id/approve", "{}").statusCode()).isEqualTo(400);
		assertThat(api(BOOTSTRAP_TOKEN).post("/api/v1/requests/00000000-0000-0000-0000-000000000000/approve", "{}")
			.statusCode()).isEqualTo(404);
	}

	@Test
	void whenQueueShownThenSubjectIsEscapedAndApprovalWorksWithCsrf() {
		Browser browser = signedIn();
		String page = browser.get("/requests").body();

		assertThat(page).contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		var withoutCsrf = browser.post("/requests/" + FakeServices.WAITING_ID + "/approve", Map.of("comment", "x"));
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);

		var approved = browser.post("/requests/" + FakeServices.WAITING_ID + "/approve",
				Map.of("comment", "ok", "_csrf", Browser.csrfToken(page)));

		assertThat(approved.statusCode()).isEqualTo(302);
		assertThat(FakeServices.get().bodies()).anyMatch((body) -> body.contains("\"decidedBy\":\"admin:admin\""));
		assertThat(browser.get("/requests").body()).contains("Request approved.").contains("No request waits");
	}

	@Test
	void whenFilteredAndSortedThenTheGatewaySearchesWaitingRequestsAndTheLinksKeepTheFilters() {
		String page = signedIn().get("/requests?q=CN%3Dprinter&profile=approval&sort=subject:asc").body();

		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.startsWith("/api/v1/transactions?")
				&& query.contains("q=status:waiting CN=printer profile:approval")
				&& query.contains("sort=subject:asc"));
		assertThat(page)
			.contains("aria-sort=\"ascending\"><a class=\"sort\" href=\"/requests?q=CN%3Dprinter&amp;profile=approval"
					+ "&amp;sort=subject:desc\"")
			.contains("aria-sort=\"none\"><a class=\"sort\" href=\"/requests?q=CN%3Dprinter&amp;profile=approval"
					+ "&amp;sort=created:desc\"")
			.contains("<option value=\"approval\" selected")
			.contains("href=\"/requests?q=CN%3Dprinter&amp;profile=approval&amp;sort=subject:asc&amp;after="
					+ FakeServices.SEARCH_CURSOR + "\" rel=\"next\"")
			.contains("<a class=\"csv-export\" href=\"/enrollments.csv?q=CN%3Dprinter&amp;status=waiting"
					+ "&amp;profile=approval&amp;sort=subject:asc\" download>Export CSV</a>");
	}

	@Test
	void whenSortedDescendingThenTheHeaderSaysSoAndLinksToAscending() {
		String page = signedIn().get("/requests?sort=subject:desc").body();

		assertThat(FakeServices.get().queries())
			.anyMatch((query) -> query.contains("q=status:waiting") && query.contains("sort=subject:desc"));
		assertThat(page).contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/requests?sort=subject:asc\"");
	}

	@Test
	void whenTheSortIsNotOfferedThenItIsIgnoredAndNewestComeFirst() {
		String page = signedIn().get("/requests?sort=id%3Bdrop%20table%20transaction").body();

		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.contains("q=status:waiting"))
			.noneMatch((query) -> query.contains("drop"));
		assertThat(page).contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/requests?sort=created:asc\"")
			.contains("CN=&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void whenTheNextPageIsAskedThenItsCursorReachesTheGatewayWithTheFilter() {
		String page = signedIn().get("/requests?profile=approval&after=" + FakeServices.SEARCH_CURSOR).body();

		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.contains("q=status:waiting profile:approval")
				&& query.contains("after=" + FakeServices.SEARCH_CURSOR));
		assertThat(page).contains("href=\"/requests?profile=approval\" rel=\"first\"").doesNotContain("rel=\"next\"");
	}

}
