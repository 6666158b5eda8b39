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
 * Docker build context may take it, and the image build copies only the jars Maven built
 * and the AOT training's scripts.
 */
class DeploymentFilesTests {

	private static final Path ROOT = DockerComposeTests.ROOT;

	@Test
	void whenGitListsFilesThenDotEnvIsIgnoredAndItsExampleIsNot() throws IOException {
		List<String> ignored = lines(".gitignore");
		assertThat(ignored).contains(".env", "!.env.example");
	}

	@Test
	void whenDockerSendsTheBuildContextThenOnlyTheJarsAndTheTrainingScriptsGo() throws IOException {
		List<String> ignored = lines(".dockerignore").stream()
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).as("everything is left out first").startsWith("*");
		assertThat(ignored.subList(1, ignored.size()))
			.as("then only the four services' executable jars and what the AOT training runs are let in")
			.containsExactlyInAnyOrder(ALLOWED.stream().map((path) -> "!" + path).toArray(String[]::new));
	}

	@Test
	void whenTheImageIsBuiltThenOnlyTheJarsAndTheTrainingScriptsAreCopied() throws IOException {
		List<String> sources = new ArrayList<>();
		for (String instruction : instructions("Dockerfile")) {
			if (instruction.startsWith("COPY ") && !instruction.startsWith("COPY --from=")) {
				String[] words = instruction.substring(5).trim().split("\\s+");
				sources.addAll(List.of(words).subList(0, words.length - 1));
			}
		}
		assertThat(sources).as("the build context's files the Dockerfile copies")
			.containsExactlyInAnyOrderElementsOf(List.of("scep-gateway/target/scep-gateway-*-exec.jar",
					"challenge-service/target/challenge-service-*-exec.jar", "ca-adapter/target/ca-adapter-*-exec.jar",
					"admin-ui/target/admin-ui-*-exec.jar", "standalone/target/keyward-standalone.jar",
					"bench/loadgen/target/keyward-loadgen.jar", "deploy/aot/train.sh", "deploy/aot/unsign.sh"));
		assertThat(instructions("Dockerfile")).as("the runtime image is a build argument (a registry's or a local one)")
			.anyMatch((line) -> line.startsWith("ARG JRE_IMAGE="))
			.contains("FROM ${JRE_IMAGE} AS aot", "FROM ${JRE_IMAGE}")
			.as("the service image takes only its own directory from the training stage")
			.contains("COPY --from=aot /opt/keyward/app/${SERVICE}/ /opt/keyward/app/${SERVICE}/");
	}

	private static final List<String> ALLOWED = List.of("ca-adapter/target/*-exec.jar",
			"challenge-service/target/*-exec.jar", "scep-gateway/target/*-exec.jar", "admin-ui/target/*-exec.jar",
			"standalone/target/keyward-standalone.jar", "bench/loadgen/target/keyward-loadgen.jar",
			"deploy/aot/train.sh", "deploy/aot/unsign.sh");

	/** The Dockerfile's instructions, continuation lines joined, comments left out. */
	private static List<String> instructions(String file) throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : lines(file)) {
			if (line.startsWith("#") && current.isEmpty()) {
				continue;
			}
			boolean continued = line.endsWith("\\");
			current.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
			if (!continued) {
				instructions.add(current.toString().strip().replaceAll("\\s+", " "));
				current.setLength(0);
			}
		}
		return instructions;
	}

	private static List<String> lines(String file) throws IOException {
		return Files.readAllLines(ROOT.resolve(file)).stream().map(String::strip).toList();
	}

}
