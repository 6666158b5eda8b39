package io.keyward.admin.web;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.testsupport.PublishedOpenApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's OpenAPI description, as served, must be the one published in
 * {@code docs/api/admin-api.openapi.json} ({@link PublishedOpenApi}): a change to the API
 * is a change to review in that file. {@code -Dkeyward.openapi.write=true} rewrites the
 * file from the running code.
 */
class OpenApiDescriptionTests extends AdminUiTestSupport {

	@Test
	void whenServedThenItMatchesThePublishedDescription() {
		var answer = api(BOOTSTRAP_TOKEN).get("/api/v1/openapi");
		assertThat(answer.statusCode()).isEqualTo(200);
		PublishedOpenApi.Comparison description = PublishedOpenApi.compare(answer.body(), "admin-api.openapi.json");

		assertThat(description.served()).isEqualTo(description.published());
		assertThat(description.served().path("paths").has("/api/v1/certificates/{serial}/revoke")).isTrue();
	}

	@Test
	void whenNoTokenThenTheDescriptionIsNotServed() {
		assertThat(api(null).get("/api/v1/openapi").statusCode()).isEqualTo(401);
	}

}
