package io.keyward.challenge.web;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.EdgeProbe;
import io.keyward.testsupport.EdgeProbe.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST fuzzer's findings at the challenge-service, through its real security chains:
 * text PostgreSQL cannot store (finding 1: 500), a wildcard Content-Type (finding 2:
 * 500), {@code /error} asked for directly (finding 8: 500 {@code "status":999}) and what
 * reaches the error page (finding 9: Spring Boot's JSON) are now 4xx problem documents.
 */
class EdgeProblemTests extends IntegrationTestSupport {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void whenARedemptionsTransactionIdHoldsNulThenBadRequestProblemNamingTheField() {
		Answer answer = new EdgeProbe(this.port, SERVICE_TOKEN).postJson("/internal/v1/redemptions",
				"{\"challenge\":\"0123456789ABCDEF\",\"profile\":\"default\",\"transactionId\":\"a\\u0000b\"}");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("JSON field 'transactionId'");
	}

	@Test
	void whenAListFilterHoldsNulThenBadRequestProblemNamingIt() {
		Answer answer = new EdgeProbe(this.port, API_KEY).get("/api/v1/challenges?externalId=%00");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("Parameter 'externalId'");
	}

	@Test
	void whenTheContentTypeIsAWildcardThenUnsupportedMediaTypeProblem() {
		Answer answer = new EdgeProbe(this.port, SERVICE_TOKEN).send("POST", "/internal/v1/redemptions",
				"application/*", "{\"challenge\":\"0123456789ABCDEF\",\"profile\":\"default\"}");

		assertThat(answer.status()).isEqualTo("415 " + PROBLEM);
	}

	@Test
	void whenWhatReachesTheErrorPageIsRefusedThenProblemWithItsStatus() {
		EdgeProbe anonymous = new EdgeProbe(this.port, null);

		assertThat(anonymous.get("/error").status()).isEqualTo("404 " + PROBLEM);
		assertThat(anonymous.get("/internal//v1/redemptions").status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.send("TRACE", "/api/v1/challenges", null, null).status()).isEqualTo("405 " + PROBLEM);
		assertThat(anonymous.send("PROPFIND", "/api/v1/challenges", null, null).status()).isEqualTo("400 " + PROBLEM);
	}

}
