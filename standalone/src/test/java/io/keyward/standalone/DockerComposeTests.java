package io.keyward.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so the build validates it
 * with Debian's {@code docker-compose config} and checks that every environment variable
 * it hands a service is one that service reads.
 */
class DockerComposeTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** The Java services' containers; the two gateway replicas run the scep-gateway. */
	static final List<String> SERVICES = List.of("ca-adapter", "challenge-service", "scep-gateway-1", "scep-gateway-2",
			"admin-ui");

	@Test
	void whenValidatedByDockerComposeThenTheFileIsValid() throws Exception {
		Path compose = Path.of("/usr/bin/docker-compose");
		if (!Files.isExecutable(compose)) {
			throw new AssertionError("/usr/bin/docker-compose is missing: install the Debian package 'docker-compose'");
		}
		Path env = Files.createTempFile(Path.of("target"), "compose", ".env");
		String filled = Files.readAllLines(ROOT.resolve(".env.example"))
			.stream()
			.filter((line) -> line.matches("[A-Z_]+="))
			.map((line) -> line + "example-secret-value-0123456789")
			.collect(Collectors.joining("\n"));
		Files.writeString(env, filled + "\n");
		Process process = new ProcessBuilder(compose.toString(), "--env-file", env.toString(), "-f",
				ROOT.resolve("docker-compose.yml").toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenComposeSetsAnEnvironmentVariableThenTheServiceReadsIt() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys(SERVICES.toArray(String[]::new)).containsKey("postgres");
		for (String service : SERVICES) {
			Map<String, Object> definition = (Map<String, Object>) services.get(service);
			Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
			String config = serviceConfiguration(application(service));
			for (String variable : environment.keySet()) {
				assertThat(reads(config, variable) || boundByName(variable))
					.as("%s sets %s but %s.yml never reads it", service, variable, service)
					.isTrue();
			}
		}
		Map<String, Object> postgres = (Map<String, Object>) ((Map<String, Object>) services.get("postgres"))
			.get("environment");
		String init = Files.readString(ROOT.resolve("deploy/postgres/init/01-keyward-roles.sh"));
		for (String variable : postgres.keySet()) {
			boolean official = variable.startsWith("POSTGRES_");
			boolean perService = variable.matches("KEYWARD_[A-Z]+_DB_PASSWORD")
					&& init.contains("KEYWARD_${service^^}_DB_PASSWORD");
			assertThat(official || perService).as("postgres sets %s which nothing reads", variable).isTrue();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenComposeConfiguresTheServicesThenOnlyTheKeyHoldersGetTheKek() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		for (String service : SERVICES) {
			Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(service))
				.get("environment");
			boolean holdsSealedKeys = service.equals("ca-adapter") || application(service).equals("scep-gateway");
			assertThat(environment.containsKey("KEYWARD_KEK")).as("%s gets KEYWARD_KEK", service)
				.isEqualTo(holdsSealedKeys);
			assertThat(environment.values()).as("%s gets the KEK under another name", service)
				.noneMatch((value) -> String.valueOf(value).contains("KEYWARD_KEK") && !holdsSealedKeys);
		}
		Map<String, Object> challenge = (Map<String, Object>) ((Map<String, Object>) services.get("challenge-service"))
			.get("environment");
		assertThat(challenge).containsKey("KEYWARD_CHALLENGE_HMAC_KEY");
	}

	@Test
	void whenAServiceReadsAnEnvironmentVariableThenConfigurationMdDocumentsIt() throws IOException {
		String reference = Files.readString(ROOT.resolve("docs/configuration.md"));
		Pattern placeholder = Pattern.compile("\\$\\{(KEYWARD_[A-Z_]+)");
		for (String service : SERVICES) {
			Matcher matcher = placeholder.matcher(serviceConfiguration(application(service)));
			while (matcher.find()) {
				assertThat(reference).as("docs/configuration.md documents %s", matcher.group(1))
					.contains(matcher.group(1));
			}
		}
	}

	/** The application a container runs: {@code scep-gateway-1} runs the scep-gateway. */
	private static String application(String service) {
		return service.replaceFirst("-\\d+$", "");
	}

	/**
	 * Whether the variable is Spring's relaxed-binding name of a documented
	 * {@code keyward.*} property (e.g. {@code KEYWARD_GATEWAY_LIMITS_BURSTPERCLIENT} for
	 * {@code keyward.gateway.limits.burst-per-client}).
	 */
	private static boolean boundByName(String variable) throws IOException {
		Matcher property = Pattern.compile("`(keyward\\.[a-z0-9.-]+)`")
			.matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
		while (property.find()) {
			if (property.group(1)
				.replace("-", "")
				.replace('.', '_')
				.toUpperCase(java.util.Locale.ROOT)
				.equals(variable)) {
				return true;
			}
		}
		return false;
	}

	private static boolean reads(String config, String variable) {
		return config.contains("${" + variable + ":") || config.contains("${" + variable + "}");
	}

	private static String serviceConfiguration(String service) throws IOException {
		try (InputStream in = DockerComposeTests.class.getResourceAsStream("/" + service + ".yml")) {
			assertThat(in).as("%s.yml on the classpath", service).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
