package io.keyward.ca.security;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.testsupport.EdgeProbe;
import io.keyward.testsupport.EdgeProbe.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST fuzzer's findings at the ca-adapter, through its real security chain: text
 * PostgreSQL or the CertRep's UTF-8 encoder cannot take (findings 1 and 5: 500), a
 * wildcard Content-Type (finding 2: 500), {@code /error} asked for directly (finding 8:
 * 500 {@code "status":999}) and what reaches the error page (finding 9: Spring Boot's
 * JSON) are now 4xx problem documents.
 */
class EdgeProblemTests extends CaApiTests {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void whenASearchParameterHoldsNulThenBadRequestProblemNamingIt() {
		Answer answer = new EdgeProbe(this.port, CaAdapterTest.ADMIN_UI_TOKEN)
			.get("/api/v1/certificates/search?q=%00&profile=default");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("Parameter 'q'");
	}

	@Test
	void whenACertRepFailInfoTextHoldsALoneSurrogateThenBadRequestProblemNamingTheField() {
		Answer answer = new EdgeProbe(this.port, CaAdapterTest.GATEWAY_TOKEN).postJson(
				"/api/v1/scep-recipient/cert-reps",
				"{\"transactionId\":\"t1\",\"recipientNonce\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"pkiStatus\":\"FAILURE\","
						+ "\"failInfo\":\"BAD_REQUEST\",\"failInfoText\":\"\\ud83d\","
						+ "\"digestAlgorithm\":\"2.16.840.1.101.3.4.2.1\"}");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("JSON field 'failInfoText'");
	}

	@Test
	void whenTheContentTypeIsAWildcardThenUnsupportedMediaTypeProblem() {
		Answer answer = new EdgeProbe(this.port, CaAdapterTest.ADMIN_UI_TOKEN).send("POST",
				"/api/v1/certificates/01/revoke", "*/*", "{\"reason\":\"keyCompromise\"}");

		assertThat(answer.status()).isEqualTo("415 " + PROBLEM);
	}

	@Test
	void whenWhatReachesTheErrorPageIsRefusedThenProblemWithItsStatus() {
		EdgeProbe anonymous = new EdgeProbe(this.port, null);

		assertThat(anonymous.get("/error").status()).isEqualTo("404 " + PROBLEM);
		assertThat(anonymous.get("/api//v1/certificates").status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.send("TRACE", "/api/v1/certificates", null, null).status()).isEqualTo("405 " + PROBLEM);
		assertThat(anonymous.send("FOO", "/api/v1/certificates", null, null).status()).isEqualTo("400 " + PROBLEM);
	}

}
