package io.keyward.admin.token;

import java.util.List;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Timestamps;

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

	@GetMapping("/tokens")
	String tokens(Model model) {
		model.addAttribute("tokens", this.tokens.list().stream().map(TokenRow::of).toList());
		model.addAttribute("scopes", List.of(AdminScope.values()));
		return "tokens";
	}

	/**
	 * One line of the tokens table.
	 */
	record TokenRow(long id, String name, String scopes, String createdAt, String createdBy, String lastUsedAt,
			boolean active, String state) {

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
