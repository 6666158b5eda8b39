package io.keyward.admin.account;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.keyward.admin.security.Actor;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over dashboard admin accounts (scope {@code admins:manage}): list, create
 * (the answer carries the one-time initial password, once), change the role, disable. The
 * last enabled administrator can be neither disabled nor demoted (409).
 */
@RestController
@RequestMapping("/api/v1/admins")
class AdminAccountApiController {

	private final AdminAccounts accounts;

	AdminAccountApiController(AdminAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	List<AdminView> list() {
		return this.accounts.list().stream().map((account) -> AdminView.of(account, null)).toList();
	}

	@PostMapping
	ResponseEntity<AdminView> create(@RequestBody NewAdmin request) {
		AdminAccounts.CreatedAdmin created = this.accounts.create(request.username(), request.role(), Actor.current());
		return ResponseEntity.created(URI.create("/api/v1/admins/" + created.account().username()))
			.cacheControl(CacheControl.noStore())
			.body(AdminView.of(created.account(), created.initialPassword()));
	}

	@PostMapping("/{username}/role")
	AdminView changeRole(@PathVariable String username, @RequestBody RoleChange request) {
		return AdminView.of(this.accounts.changeRole(username, request.role(), Actor.current()), null);
	}

	@PostMapping("/{username}/disable")
	AdminView disable(@PathVariable String username) {
		return AdminView.of(this.accounts.disable(username, Actor.current()), null);
	}

	/**
	 * @param username 1-64 letters, digits, '.', '-', '_' or '@'
	 * @param role ADMINISTRATOR, APPROVER or AUDITOR
	 */
	record NewAdmin(String username, String role) {
	}

	/**
	 * @param role ADMINISTRATOR, APPROVER or AUDITOR
	 */
	record RoleChange(String role) {
	}

	/**
	 * An admin account as the API shows it.
	 *
	 * @param initialPassword the one-time password, only in the answer that created the
	 * account; it must be changed at first sign-in
	 */
	record AdminView(String username, AdminRole role, boolean enabled, boolean mustChangePassword, Instant createdAt,
			String createdBy, Instant disabledAt, String disabledBy, String initialPassword) {

		static AdminView of(AdminAccount account, String initialPassword) {
			return new AdminView(account.username(), account.role(), account.enabled(), account.mustChangePassword(),
					account.createdAt(), account.createdBy(), account.disabledAt(), account.disabledBy(),
					initialPassword);
		}

	}

}
