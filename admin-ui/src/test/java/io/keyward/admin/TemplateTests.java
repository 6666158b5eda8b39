package io.keyward.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device-supplied text (subject DNs, SANs, failure reasons) reaches the templates: none
 * of them may print unescaped HTML, run inline script or style, or load from elsewhere.
 */
class TemplateTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	@Test
	void whenTemplatesScannedThenNoUnescapedOutput() throws IOException {
		for (Path template : templates()) {
			assertThat(Files.readString(template, StandardCharsets.UTF_8)).as(template.toString())
				.doesNotContain("th:utext=")
				.doesNotContain("[(${");
		}
	}

	/**
	 * A script the app serves itself ({@code /js/*.js}, allowed by the CSP's
	 * {@code script-src 'self'}), with no inline body.
	 */
	private static final String SERVED_SCRIPT = "<script th:src=\"@\\{/js/[a-z-]+\\.js\\}\"></script>";

	@Test
	void whenTemplatesScannedThenNoInlineScriptStyleOrRemoteResources() throws IOException {
		for (Path template : templates()) {
			assertThat(Files.readString(template, StandardCharsets.UTF_8).replaceAll(SERVED_SCRIPT, ""))
				.as(template.toString())
				.doesNotContainIgnoringCase("<script")
				.doesNotContainIgnoringCase("<style")
				.doesNotContain(" style=")
				.doesNotContain(" onclick=")
				.doesNotContainPattern("(src|href)=\"(https?:)?//");
		}
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			List<Path> found = files.filter((file) -> file.toString().endsWith(".html")).toList();
			assertThat(found).isNotEmpty();
			return found;
		}
	}

}
