package io.keyward.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.keyward.admin.account.AdminAccounts;
import io.keyward.admin.account.AdminRole;
import io.keyward.admin.account.InitialAdmin;
import io.keyward.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin-ui on a random port against the shared test PostgreSQL, talking real HTTP to
 * {@link FakeServices}, with a known initial admin password. Subclasses share one
 * application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=admin-ui", "keyward.admin.initial-password=" + AdminUiTestSupport.PASSWORD,
				"keyward.admin.service-token=" + FakeServices.TOKEN,
				"keyward.admin.bootstrap-token=" + AdminUiTestSupport.BOOTSTRAP_TOKEN })
@Import(PostgresTestConfiguration.class)
public abstract class AdminUiTestSupport {

	public static final String PASSWORD = "correct horse battery staple 42";

	/** The admin API token {@code bootstrap} (every scope), created on first start. */
	public static final String BOOTSTRAP_TOKEN = "kwa_test-bootstrap-token-0123456789abcdefghijklmno";

	private static final Path DATA_DIR = tempDir();

	@LocalServerPort
	protected int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private InitialAdmin initialAdmin;

	@Autowired
	private AdminAccounts accounts;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("keyward.admin.gateway-url", () -> FakeServices.get().url());
		registry.add("keyward.admin.ca-url", () -> FakeServices.get().url());
		registry.add("keyward.admin.challenge-url", () -> FakeServices.get().url());
		registry.add("keyward.data-dir", DATA_DIR::toString);
	}

	/**
	 * Other test classes share the database and may have left a generated admin behind:
	 * start each test from a first start with the configured initial password, and with
	 * no failed sign-in counted against the test's address.
	 */
	@BeforeEach
	void freshInitialAdmin() {
		this.jdbc.update("delete from admin.admin_user");
		this.jdbc.update("delete from admin.sign_in_throttle");
		this.initialAdmin.ensureAdminExists();
	}

	protected AdminApi api(String token) {
		return new AdminApi(this.port, token);
	}

	protected Browser browser() {
		return new Browser(this.port);
	}

	protected Browser signedIn() {
		Browser browser = browser();
		int status = browser.login("admin", PASSWORD).statusCode();
		if (status != 302) {
			throw new AssertionError("login answered " + status);
		}
		return browser;
	}

	/**
	 * A new admin with the role, created as an administrator would create it, signed in
	 * with its one-time password and past the password change that sign-in requires.
	 * @return the signed-in browser; the account's password is then {@link #PASSWORD}
	 */
	protected Browser signedInAs(String username, AdminRole role) {
		String initial = this.accounts.create(username, role.name(), "admin:admin").initialPassword();
		Browser browser = browser();
		if (browser.login(username, initial).statusCode() != 302) {
			throw new AssertionError("login of " + username + " refused");
		}
		String token = Browser.csrfToken(browser.get("/account/password").body());
		int status = browser
			.post("/account/password", Map.of("currentPassword", initial, "newPassword", PASSWORD, "confirmPassword",
					PASSWORD, "_csrf", token))
			.statusCode();
		if (status != 302) {
			throw new AssertionError("password change of " + username + " answered " + status);
		}
		return browser;
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("keyward-admin-ui-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
