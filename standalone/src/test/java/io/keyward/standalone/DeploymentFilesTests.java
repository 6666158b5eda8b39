package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets of a docker-compose installation live in {@code .env}: neither git nor the
 * Docker build context may take it, and the image build copies only what Maven reads.
 */
class DeploymentFilesTests {

	private static final Path ROOT = DockerComposeTests.ROOT;

	@Test
	void whenGitListsFilesThenDotEnvIsIgnoredAndItsExampleIsNot() throws IOException {
		List<String> ignored = lines(".gitignore");
		assertThat(ignored).contains(".env", "!.env.example");
	}

	@Test
	void whenDockerSendsTheBuildContextThenSecretsDataBuildOutputAndHistoryStayOut() throws IOException {
		List<String> ignored = lines(".dockerignore");
		assertThat(ignored).contains(".env", "**/target", "data", ".git");
	}

	@Test
	void whenTheImageIsBuiltThenOnlyTheWrapperThePomsAndTheSourcesAreCopied() throws IOException {
		List<String> sources = buildStageCopySources();
		assertThat(sources).as("the build stage copies the whole context").doesNotContain(".", "./", "*");
		List<String> modules = modules();
		for (String module : modules) {
			assertThat(sources).as("the reactor reads %s/pom.xml, so the Dockerfile copies it", module)
				.anyMatch((source) -> source.equals(module + "/pom.xml")
						|| (source.endsWith("/") && (module + "/").startsWith(source)));
		}
		for (String source : sources) {
			boolean buildFile = List.of("mvnw", "pom.xml", ".mvn/").contains(source);
			boolean moduleFile = modules.stream()
				.anyMatch((module) -> source.equals(module + "/pom.xml")
						|| (source.endsWith("/") && (module + "/").startsWith(source)));
			assertThat(buildFile || moduleFile).as("the Dockerfile copies %s, which the build does not read", source)
				.isTrue();
		}
		assertThat(sources).as("the standalone launcher and the load generator are not built into an image")
			.doesNotContain("standalone/", "bench/", "bench/loadgen/");
	}

	private static List<String> buildStageCopySources() throws IOException {
		List<String> sources = new ArrayList<>();
		for (String line : lines("Dockerfile")) {
			if (line.startsWith("FROM ") && !sources.isEmpty()) {
				break;
			}
			if (line.startsWith("COPY ") && !line.contains("--from=")) {
				String[] words = line.substring(5).trim().split("\\s+");
				for (int i = 0; i < words.length - 1; i++) {
					sources.add(words[i]);
				}
			}
		}
		assertThat(sources).as("COPY instructions in the Dockerfile's build stage").isNotEmpty();
		return sources;
	}

	private static List<String> modules() throws IOException {
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
		List<String> modules = new ArrayList<>();
		while (module.find()) {
			modules.add(module.group(1).strip());
		}
		assertThat(modules).isNotEmpty();
		return modules;
	}

	private static List<String> lines(String file) throws IOException {
		return Files.readAllLines(ROOT.resolve(file)).stream().map(String::strip).toList();
	}

}
