package io.keyward.admin.account;

import java.time.Instant;

/**
 * An admin account as the dashboard and the admin API show it (never its password hash).
 *
 * @param username the sign-in name
 * @param role what it may do
 * @param enabled false once disabled: it cannot sign in and its sessions have ended
 * @param mustChangePassword the one-time initial password has not been replaced yet
 * @param createdAt when it was created
 * @param createdBy who created it ({@code admin:<user>}, {@code token:<name>} or
 * {@code first-start})
 * @param disabledAt when it was disabled, or null
 * @param disabledBy who disabled it, or null
 */
public record AdminAccount(String username, AdminRole role, boolean enabled, boolean mustChangePassword,
		Instant createdAt, String createdBy, Instant disabledAt, String disabledBy) {

	static AdminAccount of(AdminUser user) {
		return new AdminAccount(user.username(), user.role(), user.enabled(), user.mustChangePassword(),
				user.createdAt(), user.createdBy(), user.disabledAt(), user.disabledBy());
	}

}
