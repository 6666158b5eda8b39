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
