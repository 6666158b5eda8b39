package io.keyward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI description, as served, against the one published in
 * {@code docs/api/}: a change to an API is a change to review in that file.
 * {@code -Dkeyward.openapi.write=true} rewrites the file from the running code.
 */
public final class PublishedOpenApi {

	private static final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private PublishedOpenApi() {
	}

	/**
	 * @param served the description the service answered
	 * @param file its file name in {@code docs/api/}, e.g.
	 * {@code ca-adapter.openapi.json}
	 * @return the served description and the published one, to compare (the served one
	 * without {@code servers}, which names the test's random port)
	 */
	public static Comparison compare(String served, String file) {
		Path published = Path.of("..", "docs", "api", file);
		ObjectNode description = (ObjectNode) json.readTree(served);
		description.remove("servers");
		try {
			if (Boolean.getBoolean("keyward.openapi.write")) {
				Files.writeString(published, json.writeValueAsString(description) + "\n");
			}
			return new Comparison(description, json.readTree(Files.readString(published)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param served the description as served
	 * @param published the description in {@code docs/api/}
	 */
	public record Comparison(JsonNode served, JsonNode published) {

	}

}
