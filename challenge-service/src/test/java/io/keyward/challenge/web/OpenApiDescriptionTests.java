package io.keyward.challenge.web;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.PublishedOpenApi;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description of the MDM API and the internal API, as served, must be the one
 * published in {@code docs/api/challenge-service.openapi.json}
 * ({@link PublishedOpenApi}); an MDM API client reads it, nobody else.
 */
class OpenApiDescriptionTests extends IntegrationTestSupport {

	@Test
	void whenAnMdmClientReadsTheDescriptionThenItIsThePublishedOne() {
		ResponseEntity<String> answer = get(API_KEY);
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		PublishedOpenApi.Comparison description = PublishedOpenApi.compare(answer.getBody(),
				"challenge-service.openapi.json");

		assertThat(description.served()).isEqualTo(description.published());
		assertThat(description.served().path("paths").has("/api/v1/challenges")).isTrue();
		assertThat(description.served().path("paths").has("/internal/v1/redemptions")).isTrue();
	}

	@Test
	void whenNoKeyOrAServiceTokenIsPresentedThenUnauthorized() {
		assertThat(get(null).getStatusCode().value()).isEqualTo(401);
		assertThat(get(SERVICE_TOKEN).getStatusCode().value()).isEqualTo(401);
	}

	private ResponseEntity<String> get(String token) {
		var request = this.http.get().uri("/api/v1/openapi");
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.retrieve().toEntity(String.class);
	}

}
