package io.keyward.challenge.apiclient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.keyward.challenge.ChallengeServiceApplication;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.TestPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BootstrapApiClientTests extends IntegrationTestSupport {

	@Test
	void whenBootstrapKeyConfiguredThenOneClientKnowsItByDigestOnly() {
		assertThat(this.jdbc.queryForList("""
				select k.key_hash from challenge.api_client_key k join challenge.api_client c on c.id = k.api_client_id
				where c.name = 'bootstrap'""", String.class)).containsExactly(ApiKeys.digest(API_KEY));
		assertThat(
				this.jdbc.queryForObject("select count(*) from challenge.api_client_key where key_hash like '%' || ?",
						Integer.class, API_KEY.substring(3)))
			.isZero();
		assertThat(this.jdbc.queryForObject("select scopes from challenge.api_client where name = 'bootstrap'",
				String.class))
			.isEqualTo("challenge:mint challenge:read challenge:list challenge:revoke");
		assertThat(post("/api/v1/challenges", API_KEY, "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void whenRestartedThenNoSecondBootstrapClientAndNoKeyShown(@TempDir Path dataDir, CapturedOutput output) {
		int before = this.jdbc.queryForObject("select count(*) from challenge.api_client", Integer.class);
		try (ConfigurableApplicationContext restarted = start("challenge", dataDir, "")) {
			assertThat(restarted.isRunning()).isTrue();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client", Integer.class))
			.isEqualTo(before);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client where name = 'bootstrap'",
				Integer.class))
			.isOne();
		assertThat(dataDir.resolve("initial-credentials")).doesNotExist();
		assertThat(output).doesNotContain("MDM API key");
	}

	@Test
	void whenRestartedWithAnotherBootstrapKeyThenItIsIgnoredWithAWarning(@TempDir Path dataDir, CapturedOutput output) {
		String otherKey = "kw_another-key-set-after-first-start-0123456789ab";
		try (ConfigurableApplicationContext restarted = start("challenge", dataDir, otherKey)) {
			assertThat(restarted.isRunning()).isTrue();
		}
		assertThat(output).contains("event=bootstrap_api_key_ignored reason=api_clients_exist")
			.doesNotContain(otherKey);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.api_client_key where key_hash = ?",
				Integer.class, ApiKeys.digest(otherKey)))
			.isZero();
	}

	@Test
	void whenTwoInstancesStartTogetherOnAnEmptyDatabaseThenOneBootstrapClientAndOneKeyShown(@TempDir Path dataDir,
			CapturedOutput output) throws Exception {
		String schema = "challenge_boot_" + UUID.randomUUID().toString().substring(0, 8);
		TestPostgres postgres = TestPostgres.get();
		Flyway.configure()
			.dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
			.schemas(schema)
			.defaultSchema(schema)
			.locations("classpath:db/migration/challenge")
			.load()
			.migrate();
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			// Spring Boot sets up the JVM-wide logging system while an application
			// prepares
			// its environment; two doing it at once break each other's set-up. The second
			// instance waits for that step of the first; everything after it, the
			// bootstrap
			// client included, still runs at the same time.
			CountDownLatch loggingReady = new CountDownLatch(1);
			List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
			starting.add(threads.submit(() -> {
				start.await();
				return start(schema, dataDir, "", loggingReady);
			}));
			starting.add(threads.submit(() -> {
				start.await();
				assertThat(loggingReady.await(60, TimeUnit.SECONDS)).isTrue();
				return start(schema, dataDir, "", null);
			}));
			start.countDown();
			for (Future<ConfigurableApplicationContext> instance : starting) {
				instances.add(instance.get(120, TimeUnit.SECONDS));
			}

			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".api_client", Integer.class))
				.isOne();
			Path credentials = dataDir.resolve("initial-credentials");
			assertThat(Files.getPosixFilePermissions(credentials))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			List<String> lines = Files.readAllLines(credentials, StandardCharsets.UTF_8);
			assertThat(lines).hasSize(1);
			assertThat(lines.get(0)).matches("mdm-api-key=kw_[A-Za-z0-9_-]{43}");
			String key = lines.get(0).substring("mdm-api-key=".length());
			assertThat(output.getOut().split(Pattern.quote(key), -1)).as("the key is printed exactly once").hasSize(2);
			assertThat(output.getOut().lines().filter((line) -> line.contains(key)).toList())
				.allSatisfy((line) -> assertThat(line.strip()).isEqualTo(key));
			for (ConfigurableApplicationContext instance : instances) {
				int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
				this.port = port;
				startClient();
				assertThat(post("/api/v1/challenges", key, "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
			}
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			threads.shutdownNow();
			this.jdbc.execute("drop schema " + schema + " cascade");
		}
	}

	/**
	 * Another challenge-service instance on the test database; with an empty bootstrap
	 * key it would generate one if it thought the database empty. Command-line arguments,
	 * because they outrank challenge-service.yml.
	 */
	private static ConfigurableApplicationContext start(String schema, Path dataDir, String bootstrapKey) {
		return start(schema, dataDir, bootstrapKey, null);
	}

	private static ConfigurableApplicationContext start(String schema, Path dataDir, String bootstrapKey,
			CountDownLatch loggingReady) {
		TestPostgres postgres = TestPostgres.get();
		SpringApplicationBuilder application = ChallengeServiceApplication.application();
		if (loggingReady != null) {
			// ordered after Spring Boot's LoggingApplicationListener
			application.listeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof ApplicationEnvironmentPreparedEvent) {
					loggingReady.countDown();
				}
			});
		}
		return application.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(), "--spring.datasource.hikari.maximum-pool-size=2",
				"--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
				"--spring.jpa.properties.hibernate.default_schema=" + schema, "--keyward.data-dir=" + dataDir,
				"--keyward.challenge.hmac-key=" + HMAC_KEY, "--keyward.edge.callers.gateway.tokens=" + SERVICE_TOKEN,
				"--keyward.challenge.bootstrap-api-key=" + bootstrapKey,
				"--spring.application.name=challenge-service-" + schema.toLowerCase(Locale.ROOT));
	}

}
