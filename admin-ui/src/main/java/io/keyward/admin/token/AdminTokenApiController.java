package io.keyward.admin.token;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over admin API tokens (scope {@code tokens:manage}): list, create (the
 * secret is in the answer once and nowhere else), revoke.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class AdminTokenApiController {

	private final AdminTokens tokens;

	AdminTokenApiController(AdminTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	List<TokenView> tokens() {
		return this.tokens.list().stream().map((token) -> TokenView.of(token, null)).toList();
	}

	@PostMapping
	ResponseEntity<TokenView> create(@RequestBody NewToken request) {
		AdminTokens.CreatedToken created = this.tokens.create(request.name(), scopes(request.scopes()),
				Actor.current());
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id()))
			.body(TokenView.of(created.token(), created.secret()));
	}

	@DeleteMapping("/{id}")
	TokenView revoke(@PathVariable long id) {
		return TokenView.of(this.tokens.revoke(id, Actor.current()), null);
	}

	static List<AdminScope> scopes(List<String> names) {
		List<AdminScope> scopes = new ArrayList<>();
		String known = String.join(", ", List.of(AdminScope.values()).stream().map(AdminScope::scopeName).toList());
		for (String name : (names != null) ? names : List.<String>of()) {
			if (name == null) {
				throw new ApiProblem(HttpStatus.BAD_REQUEST, "scopes must not contain null; known: " + known);
			}
			scopes.add(AdminScope.of(name)
				.orElseThrow(
						() -> new ApiProblem(HttpStatus.BAD_REQUEST, "unknown scope '" + name + "'; known: " + known)));
		}
		return scopes;
	}

	/**
	 * @param name unique name
	 * @param scopes scope names, e.g. {@code certificates:read}
	 */
	record NewToken(String name, List<String> scopes) {
	}

	/**
	 * A token as the API shows it.
	 *
	 * @param token the secret, only in the answer that created it
	 */
	record TokenView(long id, String name, List<String> scopes, String createdBy, Instant createdAt, Instant lastUsedAt,
			Instant revokedAt, String revokedBy, String token) {

		static TokenView of(AdminToken token, String secret) {
			return new TokenView(token.id(), token.name(), token.scopes().stream().map(AdminScope::scopeName).toList(),
					token.createdBy(), token.createdAt(), token.lastUsedAt(), token.revokedAt(), token.revokedBy(),
					secret);
		}

	}

}
