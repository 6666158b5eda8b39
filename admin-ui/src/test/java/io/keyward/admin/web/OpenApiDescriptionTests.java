package io.keyward.admin.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.keyward.admin.AdminUiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's OpenAPI description, as served, must be the one published in
 * {@code docs/api/admin-api.openapi.json}: a change to the API is a change to review in
 * that file. {@code -Dkeyward.openapi.write=true} rewrites the file from the running
 * code.
 */
class OpenApiDescriptionTests extends AdminUiTestSupport {

	private static final Path PUBLISHED = Path.of("..", "docs", "api", "admin-api.openapi.json");

	private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Test
	void whenServedThenItMatchesThePublishedDescription() throws IOException {
		var answer = api(BOOTSTRAP_TOKEN).get("/api/v1/openapi");
		assertThat(answer.statusCode()).isEqualTo(200);
		ObjectNode served = (ObjectNode) this.json.readTree(answer.body());
		// the server URL names this test's random port
		served.remove("servers");
		if (Boolean.getBoolean("keyward.openapi.write")) {
			Files.writeString(PUBLISHED, this.json.writeValueAsString(served) + "\n");
		}
		JsonNode published = this.json.readTree(Files.readString(PUBLISHED));

		assertThat(served).isEqualTo(published);
		assertThat(served.path("paths").has("/api/v1/certificates/{serial}/revoke")).isTrue();
	}

	@Test
	void whenNoTokenThenTheDescriptionIsNotServed() {
		assertThat(api(null).get("/api/v1/openapi").statusCode()).isEqualTo(401);
	}

}
