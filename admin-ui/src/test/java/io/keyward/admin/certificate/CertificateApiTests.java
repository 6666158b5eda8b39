package io.keyward.admin.certificate;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateApiTests extends AdminUiTestSupport {

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	@Test
	void whenSearchingThenTheQueryReachesTheCa() {
		var answer = api(BOOTSTRAP_TOKEN)
			.get("/api/v1/certificates?q=iphone&status=VALID&expiresBefore=2027-06-01T00:00:00Z&size=10"
					+ "&sort=expires:asc");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains(FakeServices.SERIAL);
		assertThat(FakeServices.get().queries()).anyMatch((query) -> query.startsWith("/api/v1/certificates/search?")
				&& query.contains("q=iphone") && query.contains("status=VALID") && query.contains("size=10")
				&& query.contains("sort=expires:asc"));
	}

	/**
	 * Fuzz report: a year beyond four digits was a 500 in the ca-adapter (502 here); a
	 * parameter given twice showed Java's array identity in the detail.
	 */
	@Test
	void whenExpiresBeforeIsOutOfRangeOrGivenTwiceThenBadRequestAndTheCaIsNotAsked() {
		int before = FakeServices.get().queries().size();
		for (String value : new String[] { "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z" }) {
			var answer = api(BOOTSTRAP_TOKEN).get("/api/v1/certificates?expiresBefore=" + value);
			assertThat(answer.statusCode()).as(value).isEqualTo(400);
			assertThat(answer.body())
				.contains("expiresBefore must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
		}
		var twice = api(BOOTSTRAP_TOKEN).get("/api/v1/certificates?expiresBefore=x&expiresBefore=y");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("expiresBefore must be an ISO-8601 date-time")
			.doesNotContain("[L")
			.doesNotContain("java.");
		var bad = api(BOOTSTRAP_TOKEN).get("/api/v1/certificates?expiresBefore=tomorrow");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).doesNotContain("java.");
		assertThat(FakeServices.get().queries()).hasSize(before);
	}

	@Test
	void whenRevokedThenTheCaHearsWhoAndWhy() {
		var answer = api(BOOTSTRAP_TOKEN).post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke",
				"{\"reason\":\"keyCompromise\",\"comment\":\"lost phone\"}");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"status\":\"REVOKED\"");
		assertThat(FakeServices.get().bodies()).anyMatch((body) -> body.contains("\"reason\":\"keyCompromise\"")
				&& body.contains("\"revokedBy\":\"token:bootstrap\"") && body.contains("lost phone"));
	}

	@Test
	void whenRevokedTwiceThenConflictProblemFromTheCa() {
		api(BOOTSTRAP_TOKEN).post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke",
				"{\"reason\":\"superseded\"}");

		var again = api(BOOTSTRAP_TOKEN).post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke",
				"{\"reason\":\"superseded\"}");

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("revoked already");
	}

	@Test
	void whenReasonUnknownThenBadRequestAndTheCaIsNotAsked() {
		int before = FakeServices.get().bodies().size();

		var answer = api(BOOTSTRAP_TOKEN).post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke",
				"{\"reason\":\"lost\"}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("reason must be one of");
		assertThat(FakeServices.get().bodies()).hasSize(before);
	}

	@Test
	void whenSerialUnknownOrMalformedThenProblem() {
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/certificates/0BAD").statusCode()).isEqualTo(404);
		assertThat(api(BOOTSTRAP_TOKEN).get("/api/v1/certificates/not-hex").statusCode()).isEqualTo(400);
		assertThat(api(BOOTSTRAP_TOKEN).post("/api/v1/certificates/" + FakeServices.SERIAL + "/revoke", "{not json")
			.statusCode()).isEqualTo(400);
	}

}
