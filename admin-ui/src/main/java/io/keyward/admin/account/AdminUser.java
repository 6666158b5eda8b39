package io.keyward.admin.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who may sign in to the dashboard, with a role. Disabled, never deleted: the
 * audit log names them.
 */
@Entity
@Table(name = "admin_user")
class AdminUser {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true, length = 64)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private AdminRole role;

	@Column(name = "created_by", nullable = false, length = 128)
	private String createdBy;

	@Column(name = "must_change_password", nullable = false)
	private boolean mustChangePassword;

	@Column(name = "disabled_at")
	private Instant disabledAt;

	@Column(name = "disabled_by", length = 128)
	private String disabledBy;

	protected AdminUser() {
	}

	String username() {
		return this.username;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	/**
	 * A new password chosen by the admin: the one-time initial password is gone.
	 */
	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
		this.mustChangePassword = false;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	AdminRole role() {
		return this.role;
	}

	void changeRole(AdminRole role) {
		this.role = role;
	}

	String createdBy() {
		return this.createdBy;
	}

	boolean mustChangePassword() {
		return this.mustChangePassword;
	}

	boolean enabled() {
		return this.disabledAt == null;
	}

	Instant disabledAt() {
		return this.disabledAt;
	}

	String disabledBy() {
		return this.disabledBy;
	}

	void disable(String by, Instant at) {
		this.disabledBy = by;
		this.disabledAt = at;
	}

}
