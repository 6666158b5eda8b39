package io.keyward.ca.security;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.testsupport.PublishedOpenApi;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's OpenAPI description, as served, must be the one published in
 * {@code docs/api/ca-adapter.openapi.json} ({@link PublishedOpenApi}); only a caller
 * reads it.
 */
class OpenApiDescriptionTests extends CaApiTests {

	@Test
	void whenACallerReadsTheDescriptionThenItIsThePublishedOne() {
		ResponseEntity<String> answer = get(CaAdapterTest.ADMIN_UI_TOKEN);
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		PublishedOpenApi.Comparison description = PublishedOpenApi.compare(answer.getBody(), "ca-adapter.openapi.json");

		assertThat(description.served()).isEqualTo(description.published());
		assertThat(description.served().path("paths").has("/api/v1/certificates/{serial}/revoke")).isTrue();
	}

	@Test
	void whenNoCallerOrAStrangerAsksThenUnauthorized() {
		assertThat(get(null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("kw_mdmApiKeyThatTheCaNeverHeardOf0123456789abcdefgh").getStatusCode().value()).isEqualTo(401);
	}

	private ResponseEntity<String> get(String token) {
		var request = this.restClient.build().get().uri("http://127.0.0.1:" + this.port + "/api/v1/openapi");
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.retrieve().onStatus(HttpStatusCode::isError, (req, response) -> {
		}).toEntity(String.class);
	}

}
