package io.keyward.challenge.web;

import java.util.Map;

import io.keyward.testsupport.FromOutside;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSecurityTests extends IntegrationTestSupport {

	private static final String REDEMPTION = """
			{"challenge":"0123456789ABCDEF0123456789ABCDEF","profile":"default","transactionId":"T1",
			 "publicKeySha256":"00"}""";

	@Test
	void whenMintWithoutKeyThenUnauthorizedProblem() {
		ResponseEntity<Map<String, Object>> response = this.http.post()
			.uri("/api/v1/challenges")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(JSON);
		assertUnauthorizedProblem(response);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
	}

	@Test
	void whenMintWithWrongKeyThenUnauthorizedProblem() {
		assertUnauthorizedProblem(post("/api/v1/challenges", API_KEY + "x", "{}"));
		assertUnauthorizedProblem(post("/api/v1/challenges", "kw_", "{}"));
	}

	@Test
	void whenMintWithServiceTokenThenUnauthorized() {
		assertUnauthorizedProblem(post("/api/v1/challenges", SERVICE_TOKEN, "{}"));
	}

	@Test
	void whenRedeemWithoutTokenThenUnauthorizedProblem() {
		ResponseEntity<Map<String, Object>> response = this.http.post()
			.uri("/internal/v1/redemptions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(REDEMPTION)
			.retrieve()
			.toEntity(JSON);
		assertUnauthorizedProblem(response);
	}

	@Test
	void whenRedeemWithMdmApiKeyThenUnauthorized() {
		assertUnauthorizedProblem(post("/internal/v1/redemptions", API_KEY, REDEMPTION));
	}

	@Test
	void whenACallerWithoutTheRedeemScopeRedeemsThenForbiddenProblem() {
		ResponseEntity<Map<String, Object>> response = post("/internal/v1/redemptions", ADMIN_UI_TOKEN, REDEMPTION);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void whenRedeemWithAnyAcceptedServiceTokenThenAnswered() {
		ResponseEntity<Map<String, Object>> response = post("/internal/v1/redemptions", "unused-old-token-0123456789",
				REDEMPTION);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("accepted", false).containsEntry("reason", "unknown challenge");
	}

	@Test
	void whenApiKeyLacksMintScopeThenForbiddenProblem() {
		String key = "kw_no-scope-key-for-tests-0123456789abcdefghijkl";
		apiClient("no-scope-test", key, "", null, 0);
		try {
			ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", key, "{}");
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		finally {
			forgetApiClient("no-scope-test");
		}
	}

	@Test
	void whenWrongMethodThenMethodNotAllowedProblem() {
		ResponseEntity<Map<String, Object>> response = this.http.put()
			.uri("/api/v1/challenges")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void whenProbingActuatorThenHealthInfoAndPrometheusOpenAndTheRestClosed() {
		assertThat(get("/actuator/health").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/actuator/health").getBody()).doesNotContain("components").contains("UP");
		assertThat(get("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/actuator/info").getStatusCode()).isEqualTo(HttpStatus.OK);
		mint("default");
		assertThat(get("/actuator/prometheus").getBody()).contains("keyward_challenge_minted_total");
		for (String closed : new String[] { "/actuator/env", "/actuator/heapdump", "/", "/anything" }) {
			ResponseEntity<String> response = get(closed);
			assertThat(response.getStatusCode()).as(closed).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void whenMetricsAreScrapedFromOutsideLoopbackThenRefusedAndHealthStillAnswers() throws Exception {
		assertThat(FromOutside.get(this.port, "/actuator/prometheus")).isIn(401, 403);
		assertThat(FromOutside.get(this.port, "/actuator/health")).isEqualTo(200);
	}

	private ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

	private static void assertUnauthorizedProblem(ResponseEntity<Map<String, Object>> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("status", 401);
	}

}
