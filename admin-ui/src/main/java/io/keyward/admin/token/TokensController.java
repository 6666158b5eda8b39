package io.keyward.admin.token;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
 * The API tokens page: create one (its secret is shown on the next page view only, as a
 * flash attribute that lives in the session for one redirect), list, revoke.
 */
@Controller
class TokensController {

	private final AdminTokens tokens;

	TokensController(AdminTokens tokens) {
		this.tokens = tokens;
	}

	/** Sortable columns: name, created, last used, state; filters: text, state, scope. */
	private static final ListView<TokenRow> LIST = ListView.<TokenRow>at("/tokens")
		.column("name", Comparator.comparing(TokenRow::name))
		.column("created", Comparator.comparing(TokenRow::createdAt).thenComparing(TokenRow::name))
		.column("used", Comparator.comparing(TokenRow::lastUsedAt).thenComparing(TokenRow::name))
		.column("state", Comparator.comparing(TokenRow::status).thenComparing(TokenRow::name))
		.select("state", (row) -> List.of(row.status()))
		.select("scope", (row) -> List.of(row.scopes().split(" ")))
		.text((row) -> String.join(" ", row.name(), row.scopes(), row.createdBy(), row.state()));

	@GetMapping("/tokens")
	String tokens(@RequestParam Map<String, String> query, Model model) {
		model.addAttribute("list", list(query));
		model.addAttribute("scopes", List.of(AdminScope.values()));
		return "tokens";
	}

	/**
	 * The tokens the page's filter shows, in its order, every page of them; never a
	 * secret (only its hash is stored).
	 */
	@GetMapping("/tokens.csv")
	ResponseEntity<String> csv(@RequestParam Map<String, String> query) {
		return CsvDownload.of("keyward-tokens.csv",
				List.of("name", "scopes", "created_at", "created_by", "last_used_at", "state"), list(query).matching(),
				(row) -> List.of(row.name(), row.scopes(), row.createdAt(), row.createdBy(), row.lastUsedAt(),
						row.state()));
	}

	private ListPage<TokenRow> list(Map<String, String> query) {
		return LIST.page(this.tokens.list().stream().map(TokenRow::of).toList(), query);
	}

	/**
	 * One line of the tokens table.
	 */
	record TokenRow(long id, String name, String scopes, String createdAt, String createdBy, String lastUsedAt,
			boolean active, String state) {

		/**
		 * @return {@code active} or {@code revoked}, the state filter's values
		 */
		String status() {
			return this.active ? "active" : "revoked";
		}

		static TokenRow of(AdminToken token) {
			return new TokenRow(token.id(), token.name(),
					String.join(" ", token.scopes().stream().map(AdminScope::scopeName).toList()),
					Timestamps.utc(token.createdAt()), token.createdBy(), Timestamps.utc(token.lastUsedAt()),
					token.active(), token.active() ? "active" : "revoked by " + token.revokedBy());
		}

	}

	@PostMapping("/tokens")
	String create(@RequestParam String name, @RequestParam(required = false) List<String> scopes,
			RedirectAttributes redirect) {
		try {
			AdminTokens.CreatedToken created = this.tokens.create(name, AdminTokenApiController.scopes(scopes),
					Actor.current());
			redirect.addFlashAttribute("created", created);
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/tokens";
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes redirect) {
		try {
			AdminToken token = this.tokens.revoke(id, Actor.current());
			redirect.addFlashAttribute("notice", "Token '" + token.name() + "' revoked.");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/tokens";
	}

}
