package io.keyward.admin.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an admin API token may do. A token gets only the scopes it is created with; a
 * signed-in dashboard admin may do all of it.
 */
public enum AdminScope {

	/** Search and read certificates. */
	CERTIFICATES_READ("certificates:read"),

	/** Revoke certificates. */
	CERTIFICATES_REVOKE("certificates:revoke"),

	/** List enrollment requests, including those waiting for approval. */
	REQUESTS_READ("requests:read"),

	/** Approve or reject requests that wait for approval. */
	REQUESTS_DECIDE("requests:decide"),

	/** Create, list and revoke admin API tokens. */
	TOKENS_MANAGE("tokens:manage"),

	/** Read, export and verify the audit log. */
	AUDIT_READ("audit:read"),

	/** Prepare the next CA and schedule its switch-over (CA rollover). */
	AUTHORITIES_ROLLOVER("authorities:rollover"),

	/** Create MDM API clients, add and revoke their keys, disable them. */
	MDM_CLIENTS_MANAGE("mdm-clients:manage"),
	/** List webhook dead letters and replay them. */
	WEBHOOKS_MANAGE("webhooks:manage"),
	/**
	 * Follow one enrollment by its correlation id: challenge, requests, certificates
	 * (issue 14).
	 */
	ENROLLMENTS_READ("enrollments:read"),
	/**
	 * List dashboard admin accounts, create them, change their role, disable them (issue
	 * 16).
	 */
	ADMINS_MANAGE("admins:manage"),
	/**
	 * Mint one-time challenges by hand, list an MDM client's outstanding ones, revoke one
	 * (issue 16).
	 */
	CHALLENGES_MANAGE("challenges:manage"),
	/**
	 * Read enrollment profiles (SCEP URL, GetCACaps, ciphers, policy, CA fingerprints)
	 * and certificate templates (issue 16).
	 */
	PROFILES_READ("profiles:read"),
	/** List requests refused before a transaction was recorded (issue 16). */
	REFUSALS_READ("refusals:read");

	private final String scopeName;

	AdminScope(String scopeName) {
		this.scopeName = scopeName;
	}

	/**
	 * @return the name used in the API and stored with the token, e.g.
	 * {@code certificates:read}
	 */
	public String scopeName() {
		return this.scopeName;
	}

	/**
	 * @return the Spring Security authority a token with this scope holds
	 */
	public String authority() {
		return "SCOPE_" + this.scopeName;
	}

	public static Optional<AdminScope> of(String scopeName) {
		return Arrays.stream(values()).filter((scope) -> scope.scopeName.equals(scopeName)).findFirst();
	}

}
