package io.keyward.admin.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyward.admin.AdminUiApplication;
import io.keyward.testsupport.PostgresTestConfiguration;
import io.keyward.testsupport.StartFailureReport;
import io.keyward.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * First start without a configured password: one admin, a generated password printed once
 * and saved with mode 0600, nothing repeated on restart, one winner when two instances
 * start at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=admin-ui", "keyward.admin.initial-password=",
				"keyward.admin.service-token=" })
@Import(PostgresTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTests {

	private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

	private static final Path DATA_DIR = tempDir();

	private static final Path CREDENTIALS = DATA_DIR.resolve("initial-credentials");

	@Autowired
	InitialAdmin initialAdmin;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("keyward.data-dir", DATA_DIR::toString);
	}

	/**
	 * Simulate an empty database and data directory: this context's own start may have
	 * run first, or another test class may have created the admin.
	 */
	@BeforeEach
	void firstStart() throws IOException {
		this.jdbc.update("delete from admin.admin_user");
		Files.deleteIfExists(CREDENTIALS);
	}

	@Test
	void whenNoAdminAndNoPasswordConfiguredThenGeneratedPrintedOnceAndSavedPrivately(CapturedOutput output)
			throws IOException {
		// the capture holds what earlier tests of this class printed too
		int printedBefore = output.getOut().length();

		assertThat(this.initialAdmin.ensureAdminExists()).isTrue();

		Matcher printed = PRINTED_PASSWORD.matcher(output.getOut().substring(printedBefore));
		assertThat(printed.find()).as("password printed to standard output").isTrue();
		String password = printed.group(1);
		assertThat(password).hasSize(GeneratedPassword.LENGTH).matches("[A-Za-z2-9]+");
		assertThat(output.getOut().substring(printedBefore)).contains("initial administrator")
			.contains("username: admin");
		assertThat(output.getAll()).containsOnlyOnce(password);
		assertThat(Files.readAllLines(CREDENTIALS, StandardCharsets.UTF_8))
			.containsExactly("admin-password=" + password);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CREDENTIALS))).isEqualTo("rw-------");
		assertThat(storedHash()).startsWith("{bcrypt}").doesNotContain(password);
		assertThat(this.passwordEncoder.matches(password, storedHash())).isTrue();
	}

	@Test
	void whenAdminExistsThenNothingCreatedOrPrintedAgain(CapturedOutput output) throws IOException {
		this.initialAdmin.ensureAdminExists();
		String hash = storedHash();
		int printedLength = output.getOut().length();

		assertThat(this.initialAdmin.ensureAdminExists()).isFalse();

		assertThat(adminCount()).isOne();
		assertThat(storedHash()).isEqualTo(hash);
		assertThat(output.getOut().substring(printedLength)).doesNotContain("password:");
		assertThat(Files.readAllLines(CREDENTIALS, StandardCharsets.UTF_8)).hasSize(1);
	}

	@Test
	void whenApplicationRestartedThenNoSecondAdminAndNothingPrinted(CapturedOutput output) throws IOException {
		this.initialAdmin.ensureAdminExists();
		String hash = storedHash();
		int printedLength = output.getOut().length();

		TestPostgres postgres = TestPostgres.get();
		// command-line arguments, because they outrank admin-ui.yml as a real operator's
		// would
		try (ConfigurableApplicationContext restarted = AdminUiApplication.application()
			.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--keyward.data-dir=" + DATA_DIR,
					"--keyward.admin.initial-password=", "--spring.datasource.hikari.pool-name=admin-ui-restart")) {
			assertThat(restarted.isRunning()).isTrue();
		}

		assertThat(adminCount()).isOne();
		assertThat(storedHash()).isEqualTo(hash);
		assertThat(output.getOut().substring(printedLength)).doesNotContain("password:")
			.doesNotContain("initial administrator");
		assertThat(Files.readAllLines(CREDENTIALS, StandardCharsets.UTF_8)).hasSize(1);
	}

	@Test
	void whenConfiguredInitialPasswordShorterThan12ThenStartRefusedAndNoAdmin(CapturedOutput output) {
		TestPostgres postgres = TestPostgres.get();
		int before = output.length();

		assertThatIllegalStateException()
			.isThrownBy(() -> AdminUiApplication.application()
				.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
						"--spring.datasource.username=" + postgres.username(),
						"--spring.datasource.password=" + postgres.password(), "--keyward.data-dir=" + DATA_DIR,
						"--keyward.admin.initial-password=eleven-char",
						"--spring.datasource.hikari.pool-name=admin-ui-short")
				.close())
			.withMessageContaining("at least 12");

		assertThat(adminCount()).isZero();
		StartFailureReport.requireOneClearReport(output.toString().substring(before),
				"has 11 characters; at least 12 are required", "Choose a longer one");
	}

	@Test
	void whenTwoInstancesStartAtOnceThenExactlyOneAdmin() throws Exception {
		int starts = 4;
		CountDownLatch ready = new CountDownLatch(starts);
		ExecutorService pool = Executors.newFixedThreadPool(starts);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < starts; i++) {
				Callable<Boolean> start = () -> {
					ready.countDown();
					ready.await();
					return this.initialAdmin.ensureAdminExists();
				};
				results.add(pool.submit(start));
			}
			int created = 0;
			for (Future<Boolean> result : results) {
				created += result.get() ? 1 : 0;
			}
			assertThat(created).isOne();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(adminCount()).isOne();
		assertThat(Files.readAllLines(CREDENTIALS, StandardCharsets.UTF_8)).hasSize(1);
	}

	private long adminCount() {
		return this.jdbc.queryForObject("select count(*) from admin.admin_user", Long.class);
	}

	private String storedHash() {
		return this.jdbc.queryForObject("select password_hash from admin.admin_user where username = 'admin'",
				String.class);
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("keyward-admin-ui-initial");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
