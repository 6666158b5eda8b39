package io.keyward.admin.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.admin.AdminProperties;
import io.keyward.edge.start.StartRefusedException;
import io.keyward.sealing.SecretFiles;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can sign in after the first start: when the database holds no admin
 * at all, it creates {@code admin} with the configured initial password or, when none is
 * configured, with a generated one that is printed once to standard output and appended
 * to {@code <data-dir>/initial-credentials} (mode 0600). Later starts find the admin and
 * do nothing, so the password is never printed again. A configured password shorter than
 * the dashboard's minimum ({@value PasswordChange#MINIMUM_LENGTH} characters) stops the
 * start before any admin exists.
 */
@Component
public class InitialAdmin implements ApplicationRunner {

	static final String USERNAME = "admin";

	/**
	 * The creator recorded for the first admin (and for admins of versions before V6).
	 */
	static final String CREATED_BY = "first-start";

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminProperties properties;

	private final Path dataDir;

	private final Clock clock;

	InitialAdmin(AdminUserRepository users, PasswordEncoder passwordEncoder, AdminProperties properties,
			@Value("${keyward.data-dir:./data}") Path dataDir, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.dataDir = dataDir;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		ensureAdminExists();
	}

	/**
	 * Create the first admin when there is none.
	 * @return whether this call created it (false when an admin existed or a concurrent
	 * start won the race)
	 */
	public boolean ensureAdminExists() {
		if (this.users.count() > 0) {
			return false;
		}
		boolean generated = !this.properties.hasInitialPassword();
		String password = generated ? GeneratedPassword.next() : this.properties.initialPassword();
		if (password.length() < PasswordChange.MINIMUM_LENGTH) {
			throw new InitialPasswordTooShort(password.length());
		}
		if (this.users.insertIfAbsent(USERNAME, this.passwordEncoder.encode(password), this.clock.instant()) == 0) {
			log.info("event=initial_admin_exists username={} reason=created_concurrently", USERNAME);
			return false;
		}
		if (generated) {
			announce(password);
		}
		log.info("event=initial_admin_created username={} password_source={}", USERNAME,
				generated ? "generated" : "keyward.admin.initial-password");
		return true;
	}

	/**
	 * The start is refused: an admin with a short password would be the weakest door of
	 * the CA.
	 */
	static final class InitialPasswordTooShort extends StartRefusedException {

		InitialPasswordTooShort(int length) {
			super("keyward.admin.initial-password (KEYWARD_ADMIN_INITIAL_PASSWORD) has " + length
					+ " characters; at least " + PasswordChange.MINIMUM_LENGTH + " are required",
					"Choose a longer one, or leave it empty to have one generated.");
		}

	}

	private void announce(String password) {
		// Standard output, not the log: logs get shipped and kept, while the console of
		// the first start is seen once by the operator who installs Keyward. One print
		// call, so the block is not interleaved with other services' start-up lines.
		// Printed before the file is written: if that fails the operator still has it.
		String rule = "=".repeat(80);
		System.out.print(String.join(System.lineSeparator(), "",
				"=================== Keyward admin-ui: initial administrator ===================",
				"  username: " + USERNAME, "  password: " + password,
				"  Shown only this once; also saved in " + this.dataDir.resolve("initial-credentials").toAbsolutePath(),
				"  Sign in and change it under Account (/account/password).", rule, "", ""));
		try {
			SecretFiles.appendInitialCredential(this.dataDir, "admin-password=" + password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.dataDir.resolve("initial-credentials"), ex);
		}
	}

}
