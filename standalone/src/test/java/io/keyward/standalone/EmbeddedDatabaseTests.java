package io.keyward.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedDatabaseTests {

	@Test
	void whenTheDataDirectoryIsInUseThenTheSecondStartSaysSoInOneLine(@TempDir Path dataDir) throws Exception {
		try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
			assertThatExceptionOfType(EmbeddedDatabase.DataDirectoryInUseException.class)
				.isThrownBy(() -> EmbeddedDatabase.start(dataDir, 0))
				.withMessage("the data directory " + dataDir + " is in use by another Keyward (or its database): "
						+ "stop that one, or give this one its own KEYWARD_DATA_DIR");
		}
	}

	/**
	 * A suite start that fails before its services (here: its data directory is in use)
	 * hands the JVM's logging over all the same. It kept it set up as the suite's, so the
	 * next service in the JVM kept that set-up instead of its own settings.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenTheSuiteCannotStartThenTheNextServiceSetsTheLoggingUpItself(@TempDir Path dataDir, CapturedOutput output)
			throws Exception {
		try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
			assertThatExceptionOfType(EmbeddedDatabase.DataDirectoryInUseException.class)
				.isThrownBy(() -> KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir), Map.of(), null));
		}

		try (ConfigurableApplicationContext next = new SpringApplicationBuilder(NextService.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=next-service", "logging.structured.format.console=ecs")
			.run()) {
			LoggerFactory.getLogger(EmbeddedDatabaseTests.class).info("event=next_service_test");
		}
		finally {
			// Spring Boot keeps the format as a system property: the later tests of this
			// JVM read their lines as text
			System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		}

		assertThat(output.getOut().lines().filter((line) -> line.contains("event=next_service_test")))
			.as("the next service's own settings (JSON lines)")
			.singleElement()
			.asString()
			.startsWith("{");
	}

	@Configuration(proxyBeanMethods = false)
	static class NextService {

	}

	/**
	 * SIGTERM (an operator's Ctrl+C, {@code docker stop}) stops the services first, and
	 * the database only after them: the embedded PostgreSQL library's own exit hook
	 * stopped it at the same time, so requests in flight during a graceful shutdown
	 * failed ("terminating connection due to administrator command", HTTP 500).
	 */
	@Test
	void whenTheJvmIsStoppedThenTheDatabaseStopsAfterItsUsers(@TempDir Path dataDir) throws Exception {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), DatabaseStopOrder.class.getName(), dataDir.toString())
			.redirectErrorStream(true)
			.start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		List<String> all = new CopyOnWriteArrayList<>();
		Thread reader = Thread.ofVirtual().start(() -> {
			try (BufferedReader output = child.inputReader()) {
				output.lines().forEach((line) -> {
					all.add(line);
					lines.add(line);
				});
			}
			catch (IOException ex) {
				lines.add("unreadable output: " + ex);
			}
		});
		try {
			String line;
			do {
				line = lines.poll(120, TimeUnit.SECONDS);
				assertThat(line).as("the child's start").isNotNull();
			}
			while (!line.contains(DatabaseStopOrder.READY));
			// kill(1), not Process.destroy(), which would close the child's output
			assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor()).isZero();
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
			reader.join(10_000);
			assertThat(all).as(String.join("\n", all)).contains(DatabaseStopOrder.UP);
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void whenStartedThenEveryConnectionNeedsThePasswordAndTheServerRunsFromTheDataDirectory(@TempDir Path dataDir)
			throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0)) {
			Path passwordFile = dataDir.resolve("postgres-password");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
			String password = Files.readString(passwordFile).strip();
			assertThat(database.password()).isEqualTo(password);
			assertRefused(database.jdbcUrl(), "");
			assertRefused(database.jdbcUrl(), "postgres");
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", password)) {
				assertThat(show(connection, "listen_addresses")).isEqualTo("localhost");
				assertThat(show(connection, "unix_socket_directories")).as("no socket in a shared /tmp").isEmpty();
				assertThat(show(connection, "password_encryption")).isEqualTo("scram-sha-256");
			}
			String postmaster = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip();
			Path executable = Files.readSymbolicLink(Path.of("/proc", postmaster, "exe"));
			assertThat(executable).as("the binaries the server runs from")
				.startsWith(dataDir.resolve("postgres-binaries"));
		}
	}

	@Test
	void whenTheClusterOfAPreviousVersionTrustsEveryoneThenItKeepsItsDataAndRequiresThePassword(@TempDir Path dataDir)
			throws Exception {
		// as Keyward 0.1 left it: initdb -A trust, no password, binaries in the temp
		// folder
		try (EmbeddedPostgres previous = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start();
				Connection connection = previous.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (value int)");
			statement.execute("insert into kept values (42)");
		}
		for (int start = 1; start <= 2; start++) {
			try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0)) {
				String url = database.jdbcUrl().replace("/keyward", "/postgres");
				assertRefused(url, "");
				try (Connection connection = DriverManager.getConnection(url, "postgres", database.password());
						Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("select value from kept")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getInt(1)).as("start %d", start).isEqualTo(42);
				}
			}
		}
	}

	private static void assertRefused(String url, String password) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", password).close())
			.withMessageContaining("password");
	}

	private static String show(Connection connection, String setting) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("show " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
