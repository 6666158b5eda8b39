package io.keyward.admin.enrollment;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: every refusal the gateway keeps is a list like the others at
 * {@code /refusals} (filtered, sorted and paged by the gateway) with its CSV; the
 * client's text is escaped.
 */
class RefusalsPageTests extends AdminUiTestSupport {

	@Test
	void whenFilteredAndSortedThenTheGatewayIsAskedForThatPageAndTheClientsTextIsEscaped() {
		HttpResponse<String> page = signedIn()
			.get("/refusals?q=missing&profile=ios&failInfo=badRequest&sort=failInfo&dir=desc&page=1");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(FakeServices.get().queries())
			.contains("/api/v1/refusals?page=1&size=25&q=missing&profile=ios&failInfo=badRequest&sort=failInfo:desc");
		assertThat(page.body()).contains("REFUSED01")
			.contains("badRequest: challengePassword missing")
			.contains("&lt;b&gt;nope&lt;/b&gt;")
			.doesNotContain("<b>nope</b>")
			.contains(
					"href=\"/refusals.csv?q=missing&amp;profile=ios&amp;failInfo=badRequest&amp;sort=failInfo&amp;dir=desc\"")
			.contains("aria-sort=\"descending\"");
	}

	@Test
	void whenOpenedWithoutAQueryThenNewestFirst() {
		HttpResponse<String> page = signedIn().get("/refusals");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("REFUSED01");
		assertThat(FakeServices.get().queries()).contains("/api/v1/refusals?page=0&size=25&sort=time:desc");
	}

	@Test
	void whenTheOrderIsNotOfferedThenNewestFirstAndNothingElseReachesTheGateway() {
		assertThat(signedIn().get("/refusals?sort=id;drop&dir=sideways&page=x").statusCode()).isEqualTo(200);

		assertThat(FakeServices.get().queries()).contains("/api/v1/refusals?page=0&size=25&sort=time:desc");
	}

	@Test
	void whenExportedThenEveryMatchIsACsvRowWithTheSameFilterAndOrder() {
		HttpResponse<String> csv = signedIn().get("/refusals.csv?profile=ios&sort=time&dir=asc");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> type.startsWith("text/csv"));
		assertThat(csv.body())
			.startsWith("\"occurred_at\",\"profile\",\"transaction_id\",\"message_type\",\"fail_info\",\"reason\"")
			.contains("\"<b>nope</b>\",\"REFUSED01\",\"PKCSReq\",\"badRequest\",\"challengePassword missing\"");
		assertThat(FakeServices.get().queries()).contains("/api/v1/refusals?page=0&size=500&profile=ios&sort=time:asc");
	}

	@Test
	void whenTheEnrollmentsPageShowsTheNewestRefusalsThenItLinksToTheWholeList() {
		assertThat(signedIn().get("/enrollments").body()).contains("id=\"all-refusals\" href=\"/refusals\"");
	}

}
