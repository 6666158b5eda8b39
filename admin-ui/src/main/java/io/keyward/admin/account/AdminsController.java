package io.keyward.admin.account;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.CsvDownload;
import io.keyward.admin.web.ListPage;
import io.keyward.admin.web.ListView;
import io.keyward.admin.web.Timestamps;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins page: every account with its role and state; an administrator creates one
 * (its one-time password is shown on the next page view only, as a flash attribute),
 * changes a role, disables one. Other roles see the list without the forms, and the web
 * security chain refuses their POSTs.
 */
@Controller
class AdminsController {

	private final AdminAccounts accounts;

	AdminsController(AdminAccounts accounts) {
		this.accounts = accounts;
	}

	/** Sortable columns: username, role, state, created; filters: text, role, state. */
	private static final ListView<AdminRow> LIST = ListView.<AdminRow>at("/admins")
		.column("username", Comparator.comparing(AdminRow::username))
		.column("role", Comparator.comparing((AdminRow row) -> row.role().name()).thenComparing(AdminRow::username))
		.column("state", Comparator.comparing(AdminRow::status).thenComparing(AdminRow::username))
		.column("created", Comparator.comparing(AdminRow::createdAt).thenComparing(AdminRow::username))
		.select("role", (row) -> List.of(row.role().name()))
		.select("state", (row) -> List.of(row.status()))
		.text((row) -> String.join(" ", row.username(), row.role().name(), row.state(), row.createdBy()));

	@GetMapping("/admins")
	String admins(@RequestParam Map<String, String> query, Model model) {
		model.addAttribute("list", list(query));
		model.addAttribute("roles", List.of(AdminRole.values()));
		return "admins";
	}

	/**
	 * The admins the page's filter shows, in its order, every page of them.
	 */
	@GetMapping("/admins.csv")
	ResponseEntity<String> csv(@RequestParam Map<String, String> query) {
		return CsvDownload.of("keyward-admins.csv", List.of("username", "role", "state", "created_at", "created_by"),
				list(query).matching(),
				(row) -> List.of(row.username(), row.role().name(), row.state(), row.createdAt(), row.createdBy()));
	}

	private ListPage<AdminRow> list(Map<String, String> query) {
		return LIST.page(this.accounts.list().stream().map(AdminRow::of).toList(), query);
	}

	@PostMapping("/admins")
	String create(@RequestParam String username, @RequestParam String role, RedirectAttributes redirect) {
		return act(redirect, () -> {
			redirect.addFlashAttribute("created", this.accounts.create(username, role, Actor.current()));
			return null;
		});
	}

	@PostMapping("/admins/{username}/role")
	String changeRole(@PathVariable String username, @RequestParam String role, RedirectAttributes redirect) {
		return act(redirect, () -> {
			AdminAccount changed = this.accounts.changeRole(username, role, Actor.current());
			return "'" + changed.username() + "' is now " + changed.role() + ".";
		});
	}

	@PostMapping("/admins/{username}/disable")
	String disable(@PathVariable String username, RedirectAttributes redirect) {
		return act(redirect, () -> "'" + this.accounts.disable(username, Actor.current()).username()
				+ "' is disabled; its sessions have ended.");
	}

	/**
	 * Run one change and come back to the page with its notice, or with the refusal as a
	 * banner.
	 */
	private static String act(RedirectAttributes redirect, Supplier<String> change) {
		try {
			redirect.addFlashAttribute("notice", change.get());
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/admins";
	}

	/**
	 * One line of the admins table.
	 */
	record AdminRow(String username, AdminRole role, boolean enabled, String state, String createdAt,
			String createdBy) {

		/**
		 * @return {@code enabled} or {@code disabled}, the state filter's values
		 */
		String status() {
			return this.enabled ? "enabled" : "disabled";
		}

		static AdminRow of(AdminAccount account) {
			String state = !account.enabled()
					? "disabled " + Timestamps.utc(account.disabledAt()) + " by " + account.disabledBy()
					: account.mustChangePassword() ? "enabled, initial password not changed yet" : "enabled";
			return new AdminRow(account.username(), account.role(), account.enabled(), state,
					Timestamps.utc(account.createdAt()), account.createdBy());
		}

	}

}
