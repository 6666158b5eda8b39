package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
	void whenDockerSendsTheBuildContextThenOnlyTheServicesJarsGo() throws IOException {
		List<String> ignored = lines(".dockerignore").stream()
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).as("everything is left out first").startsWith("*");
		assertThat(ignored.subList(1, ignored.size())).as("then only the four services' executable jars are let in")
			.allMatch((line) -> line
				.matches("!(ca-adapter|challenge-service|scep-gateway|admin-ui)/target/\\*-exec\\.jar"))
			.hasSize(4);
	}

	@Test
	void whenTheImageIsBuiltThenOnlyTheServicesJarIsCopied() throws IOException {
		List<String> sources = new ArrayList<>();
		for (String line : lines("Dockerfile")) {
			if (line.startsWith("COPY ")) {
				String[] words = line.substring(5).trim().split("\\s+");
				sources.addAll(List.of(words).subList(0, words.length - 1));
			}
		}
		assertThat(sources).as("the Dockerfile copies the service's executable jar and nothing else")
			.containsExactly("${SERVICE}/target/${SERVICE}-*-exec.jar");
		assertThat(lines("Dockerfile")).as("the runtime image is a build argument (a registry's or a local one)")
			.anyMatch((line) -> line.startsWith("ARG JRE_IMAGE="))
			.contains("FROM ${JRE_IMAGE}");
	}

	private static List<String> lines(String file) throws IOException {
		return Files.readAllLines(ROOT.resolve(file)).stream().map(String::strip).toList();
	}

}
