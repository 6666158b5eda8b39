package io.keyward.admin.account;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a dashboard admin may do. Reads are open to every role; what each role may change
 * is enforced by HTTP method in the web security chain (docs/admin-dashboard.md "Admins
 * and roles").
 */
public enum AdminRole {

	/** Everything: every change, admin accounts included. */
	ADMINISTRATOR,

	/** Reads everything and decides approvals; changes nothing else. */
	APPROVER,

	/** Reads everything, changes nothing. */
	AUDITOR;

	/**
	 * @return the Spring Security authority, e.g. {@code ROLE_AUDITOR}
	 */
	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<AdminRole> of(String name) {
		return Arrays.stream(values()).filter((role) -> role.name().equals(name)).findFirst();
	}

}
