package io.keyward.gateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.PublishedOpenApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API's OpenAPI description, as served, must be the one published in
 * {@code docs/api/scep-gateway.openapi.json} ({@link PublishedOpenApi}); only the
 * admin-ui reads it, and the SCEP routes are not in it.
 */
class OpenApiDescriptionTests extends AbstractGatewayTests {

	@Test
	void whenTheAdminUiReadsTheDescriptionThenItIsThePublishedOne() throws Exception {
		HttpResponse<String> answer = description(ADMIN_TOKEN);
		assertThat(answer.statusCode()).isEqualTo(200);
		PublishedOpenApi.Comparison description = PublishedOpenApi.compare(answer.body(), "scep-gateway.openapi.json");

		assertThat(description.served()).isEqualTo(description.published());
		assertThat(description.served().path("paths").has("/api/v1/transactions")).isTrue();
		assertThat(description.served().path("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/"));
	}

	@Test
	void whenNoCallerOrAStrangerAsksThenUnauthorized() throws Exception {
		assertThat(description(null).statusCode()).isEqualTo(401);
		assertThat(description("not-the-admin-ui-token-0123456789abcdef").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> description(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/openapi")).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
