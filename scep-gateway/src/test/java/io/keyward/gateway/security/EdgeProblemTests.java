package io.keyward.gateway.security;

import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.EdgeProbe;
import io.keyward.testsupport.EdgeProbe.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST fuzzer's findings at the gateway, through its real security chain: text
 * PostgreSQL cannot store (finding 1: 500), a wildcard Content-Type (finding 2: 500),
 * {@code /error} asked for directly (finding 8: 500 {@code "status":999}) and what
 * reaches the error page (finding 9: Spring Boot's JSON) are now 4xx problem documents.
 */
class EdgeProblemTests extends AbstractGatewayTests {

	private static final String PROBLEM = "application/problem+json";

	@Test
	void whenASearchParameterHoldsNulThenBadRequestProblemNamingIt() {
		Answer answer = new EdgeProbe(this.port, ADMIN_TOKEN).get("/api/v1/refusals?q=a%00secret-value");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("Parameter 'q'").doesNotContain("secret-value");
	}

	@Test
	void whenADecisionCommentHoldsNulThenBadRequestProblemNamingTheField() {
		Answer answer = new EdgeProbe(this.port, ADMIN_TOKEN).postJson(
				"/api/v1/transactions/00000000-0000-0000-0000-000000000001/approve",
				"{\"decidedBy\":\"admin:alice\",\"comment\":\"a\\u0000b\"}");

		assertThat(answer.status()).isEqualTo("400 " + PROBLEM);
		assertThat(answer.body()).contains("JSON field 'comment'");
	}

	@Test
	void whenAQueryParameterDoesNotConvertThenTheDetailSaysWhatItTakesNotJavasView() {
		Answer twice = new EdgeProbe(this.port, ADMIN_TOKEN).get("/api/v1/transactions?page=x&page=y");
		Answer word = new EdgeProbe(this.port, ADMIN_TOKEN).get("/api/v1/transactions?page=x");

		assertThat(twice.status()).isEqualTo("400 " + PROBLEM);
		assertThat(twice.body()).contains("page must be a whole number, given once").doesNotContain("java.lang");
		assertThat(word.body()).contains("page must be a whole number").doesNotContain("java.lang");
	}

	@Test
	void whenTheContentTypeIsAWildcardThenUnsupportedMediaTypeProblem() {
		Answer answer = new EdgeProbe(this.port, ADMIN_TOKEN).send("POST",
				"/api/v1/transactions/00000000-0000-0000-0000-000000000001/approve", "application/*",
				"{\"decidedBy\":\"admin:alice\"}");

		assertThat(answer.status()).isEqualTo("415 " + PROBLEM);
	}

	@Test
	void whenADeviceSendsAnOddAcceptOrContentTypeThenTheScepEndpointAnswersAsBefore() {
		EdgeProbe device = new EdgeProbe(this.port, null);

		Answer caps = device
			.raw("GET /scep/default?operation=GetCACaps HTTP/1.1\r\nHost: localhost\r\nAccept: */*;q=bogus");
		Answer message = device.send("POST", "/scep/default?operation=PKIOperation", "application/*",
				"not a PKCS#7 message");

		// the REST APIs' header checks (415, 400 problems) are not a device's concern:
		// NDES
		// ignores both headers, and so does the SCEP endpoint
		assertThat(caps.status()).startsWith("200 text/plain");
		assertThat(caps.body()).contains("POSTPKIOperation");
		assertThat(message.status()).startsWith("400").doesNotContain(PROBLEM);
	}

	@Test
	void whenAPkiOperationSaysMultipartThenTheScepEndpointStillReadsItRaw() {
		Answer message = new EdgeProbe(this.port, null).send("POST", "/scep/default?operation=PKIOperation",
				"multipart/form-data; boundary=x", "garbage");

		// the fuzzer's finding after the limiter began to read bodies: Spring parsed the
		// consumed body as a form upload, a 500
		assertThat(message.status()).startsWith("400").doesNotContain(PROBLEM);
	}

	@Test
	void whenWhatReachesTheErrorPageIsRefusedThenProblemWithItsStatus() {
		EdgeProbe anonymous = new EdgeProbe(this.port, null);

		assertThat(anonymous.get("/error").status()).isEqualTo("404 " + PROBLEM);
		assertThat(anonymous.get("/error").body()).doesNotContain("999");
		assertThat(anonymous.get("/api//v1/transactions").status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.get("/api/v1/transactions;x=y").status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.send("TRACE", "/api/v1/transactions", null, null).status()).isEqualTo("405 " + PROBLEM);
		assertThat(anonymous.send("FOO", "/api/v1/transactions", null, null).status()).isEqualTo("400 " + PROBLEM);
		assertThat(anonymous.get("/api//v1/transactions").body()).doesNotContain("timestamp")
			.doesNotContain("Exception");
	}

	@Test
	void whenTomcatRefusesTheRequestBeforeAnyServletThenProblemWithoutServerInfo() {
		EdgeProbe anonymous = new EdgeProbe(this.port, null);

		for (String head : List.of("GET /api/v1/%ZZ HTTP/1.1\r\nHost: localhost",
				"GET /api/v1/a%2fb HTTP/1.1\r\nHost: localhost", "GET /api/v1/%00 HTTP/1.1\r\nHost: localhost",
				"GET /api/v1/x HTTP/1.1\r\nHost: bad host:x:y",
				"POST /api/v1/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc")) {
			Answer answer = anonymous.raw(head);

			assertThat(answer.status()).as(head).startsWith("400 " + PROBLEM);
			assertThat(answer.body()).contains("\"status\":400").doesNotContain("Tomcat").doesNotContain("<html");
		}
	}

}
