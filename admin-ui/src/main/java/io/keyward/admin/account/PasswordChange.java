package io.keyward.admin.account;

import java.util.ArrayList;
import java.util.List;

import io.keyward.admin.audit.AdminActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin replaces their own password, proving the current one first so a session left
 * open on someone else's screen cannot be turned into a permanent account takeover.
 */
@Service
class PasswordChange {

	static final int MINIMUM_LENGTH = 12;

	private static final Logger log = LoggerFactory.getLogger(PasswordChange.class);

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminActions actions;

	PasswordChange(AdminUserRepository users, PasswordEncoder passwordEncoder, AdminActions actions) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.actions = actions;
	}

	/**
	 * @return the reasons the change was refused; empty when the password was changed
	 */
	@Transactional
	List<String> change(String username, PasswordForm form) {
		AdminUser user = this.users.findByUsername(username).orElse(null);
		List<String> problems = new ArrayList<>();
		if (user == null || !this.passwordEncoder.matches(nullToEmpty(form.currentPassword()), user.passwordHash())) {
			problems.add("The current password is not correct.");
		}
		String fresh = nullToEmpty(form.newPassword());
		if (fresh.length() < MINIMUM_LENGTH) {
			problems.add("The new password must be at least " + MINIMUM_LENGTH + " characters long.");
		}
		if (!fresh.equals(form.confirmPassword())) {
			problems.add("The new password and its confirmation differ.");
		}
		if (fresh.equals(form.currentPassword())) {
			problems.add("The new password must differ from the current one.");
		}
		if (!problems.isEmpty()) {
			log.info("event=admin_password_change_refused username={} problems={}", username, problems.size());
			this.actions.record("admin:" + username, "admin_password_change_refused", "admin:" + username,
					"problems=" + problems.size());
			return problems;
		}
		user.changePasswordHash(this.passwordEncoder.encode(fresh));
		this.users.save(user);
		log.info("event=admin_password_changed username={}", username);
		this.actions.record("admin:" + username, "admin_password_changed", "admin:" + username, null);
		return List.of();
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
