package io.keyward.testsupport.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program nobody here wrote, with a time limit, and keeps what it
 * printed for the test's failure message.
 */
final class ExternalCommand {

	private ExternalCommand() {
	}

	record Result(int exitCode, String output) {
	}

	/**
	 * @throws AssertionError naming the Debian package when the program is not installed
	 */
	static void requireInstalled(Path program, String debianPackage) {
		if (!Files.isExecutable(program)) {
			throw new AssertionError(program + " is missing: install the Debian package '" + debianPackage
					+ "' (apt-get install -y " + debianPackage + "); .ci/run does this");
		}
	}

	static Result run(List<String> command, Map<String, String> environment, Path workDir, long timeoutSeconds)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile(workDir, "command", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds
					+ " s; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

}
