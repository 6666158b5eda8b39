package io.keyward.admin.account;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin accounts an administrator manages: created with a role and a generated
 * one-time password (shown once, changed at first sign-in), given another role, disabled.
 * Never deleted, so the audit log's names keep meaning someone. At least one enabled
 * administrator always remains: the last one can be neither disabled nor demoted.
 */
@Service
public class AdminAccounts {

	private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminActions actions;

	private final Clock clock;

	AdminAccounts(AdminUserRepository users, PasswordEncoder passwordEncoder, AdminActions actions, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.actions = actions;
		this.clock = clock;
	}

	public List<AdminAccount> list() {
		return this.users.findAllByOrderByUsername().stream().map(AdminAccount::of).toList();
	}

	public Optional<AdminAccount> find(String username) {
		return this.users.findByUsername(username).map(AdminAccount::of);
	}

	/**
	 * @param username 1-64 letters, digits, '.', '-', '_' or '@'
	 * @param role a role name, e.g. {@code AUDITOR}
	 * @param actor who creates it
	 * @return the account and its one-time password, which is kept nowhere else
	 */
	@Transactional
	public CreatedAdmin create(String username, String role, String actor) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"username must be 1 to 64 letters, digits, '.', '-', '_' or '@', starting with a letter or digit");
		}
		AdminRole parsed = role(role);
		String password = GeneratedPassword.next();
		if (this.users.insertIfAbsent(username, this.passwordEncoder.encode(password), this.clock.instant(),
				parsed.name(), actor, true) == 0) {
			throw new ApiProblem(HttpStatus.CONFLICT, "an admin named '" + username + "' exists already");
		}
		log.info("event=admin_created username={} role={} actor=\"{}\"", username, parsed, LogText.printable(actor));
		this.actions.record(actor, "admin_created", target(username), "role=" + parsed);
		return new CreatedAdmin(find(username).orElseThrow(), password);
	}

	/**
	 * Disable an account: it cannot sign in any more and its sessions end at their next
	 * request ({@link AccountStateFilter}).
	 */
	@Transactional
	public AdminAccount disable(String username, String actor) {
		List<AdminUser> administrators = this.users.lockEnabledAdministrators();
		AdminUser user = existing(username);
		if (!user.enabled()) {
			throw new ApiProblem(HttpStatus.CONFLICT, "admin '" + username + "' is disabled already");
		}
		refuseLastAdministrator(user, administrators, "disabled");
		user.disable(actor, this.clock.instant());
		this.users.save(user);
		log.info("event=admin_disabled username={} actor=\"{}\"", username, LogText.printable(actor));
		this.actions.record(actor, "admin_disabled", target(username), "role=" + user.role());
		return AdminAccount.of(user);
	}

	/**
	 * Give an enabled account another role; its sessions hold the new role from their
	 * next request on.
	 */
	@Transactional
	public AdminAccount changeRole(String username, String role, String actor) {
		AdminRole parsed = role(role);
		List<AdminUser> administrators = this.users.lockEnabledAdministrators();
		AdminUser user = existing(username);
		if (!user.enabled()) {
			throw new ApiProblem(HttpStatus.CONFLICT, "admin '" + username + "' is disabled");
		}
		AdminRole before = user.role();
		if (before == parsed) {
			return AdminAccount.of(user);
		}
		refuseLastAdministrator(user, administrators, "demoted");
		user.changeRole(parsed);
		this.users.save(user);
		log.info("event=admin_role_changed username={} from={} to={} actor=\"{}\"", username, before, parsed,
				LogText.printable(actor));
		this.actions.record(actor, "admin_role_changed", target(username), "from=" + before + " to=" + parsed);
		return AdminAccount.of(user);
	}

	private AdminUser existing(String username) {
		return this.users.findByUsername(username)
			.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "no admin named '" + username + "'"));
	}

	private static void refuseLastAdministrator(AdminUser user, List<AdminUser> administrators, String change) {
		boolean isAdministrator = user.enabled() && user.role() == AdminRole.ADMINISTRATOR;
		if (isAdministrator && administrators.size() <= 1) {
			throw new ApiProblem(HttpStatus.CONFLICT, "'" + user.username()
					+ "' is the last enabled administrator and cannot be " + change + "; make another one first");
		}
	}

	private static AdminRole role(String name) {
		return AdminRole.of(name)
			.orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST,
					"role must be one of ADMINISTRATOR, APPROVER, AUDITOR, not '" + name + "'"));
	}

	static String target(String username) {
		return "admin:" + username;
	}

	/**
	 * A new account and its one-time initial password.
	 *
	 * @param account the account
	 * @param initialPassword to hand over once; it must be changed at first sign-in
	 */
	public record CreatedAdmin(AdminAccount account, String initialPassword) {
	}

}
