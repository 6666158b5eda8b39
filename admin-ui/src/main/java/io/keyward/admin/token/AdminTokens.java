package io.keyward.admin.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.edge.caller.SecretTokens;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin API tokens: created with a name and scopes, shown once, stored as a SHA-256,
 * revoked but never deleted (the audit trail names them).
 */
@Service
public class AdminTokens {

	/** Recognisable by secret scanners, apart from MDM keys ({@code kw_}). */
	static final String PREFIX = "kwa_";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final int MAX_TOKEN_LENGTH = 512;

	/**
	 * How stale {@code last_used_at} may get: a busy automation does not write on every
	 * call.
	 */
	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final AdminTokenRepository tokens;

	private final AdminActions actions;

	private final Clock clock;

	AdminTokens(AdminTokenRepository tokens, AdminActions actions, Clock clock) {
		this.tokens = tokens;
		this.actions = actions;
		this.clock = clock;
	}

	/**
	 * @param name unique name, 1-64 letters, digits, dots, dashes, underscores
	 * @param scopes at least one
	 * @param createdBy who asks
	 * @return the stored token and its secret, which is not kept anywhere
	 */
	@Transactional
	public CreatedToken create(String name, List<AdminScope> scopes, String createdBy) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"name must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit");
		}
		if (scopes == null || scopes.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "a token needs at least one scope");
		}
		List<AdminScope> distinct = scopes.stream().distinct().sorted().toList();
		String secret = SecretTokens.generate(PREFIX);
		long id = this.tokens
			.insertIfNameFree(name, SecretTokens.sha256Hex(secret), distinct, createdBy, this.clock.instant())
			.orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "a token named '" + name + "' exists already"));
		this.actions.record(createdBy, "token_created", "token:" + name, "scopes=" + names(distinct));
		return new CreatedToken(this.tokens.findById(id).orElseThrow(), secret);
	}

	/**
	 * Creates a token only when none exists yet (first start).
	 * @return whether it was created
	 */
	@Transactional
	public boolean createFirst(String name, String secret, List<AdminScope> scopes) {
		if (this.tokens.count() > 0) {
			return false;
		}
		boolean created = this.tokens
			.insertIfNameFree(name, SecretTokens.sha256Hex(secret), scopes, "bootstrap", this.clock.instant())
			.isPresent();
		if (created) {
			this.actions.record("bootstrap", "token_created", "token:" + name, "scopes=" + names(scopes));
		}
		return created;
	}

	public List<AdminToken> list() {
		return this.tokens.findAll();
	}

	@Transactional
	public AdminToken revoke(long id, String revokedBy) {
		AdminToken token = this.tokens.findById(id)
			.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "no admin API token with id " + id));
		if (!this.tokens.revoke(id, revokedBy, this.clock.instant())) {
			throw new ApiProblem(HttpStatus.CONFLICT, "token '" + token.name() + "' is revoked already");
		}
		this.actions.record(revokedBy, "token_revoked", "token:" + token.name(), null);
		return this.tokens.findById(id).orElseThrow();
	}

	/**
	 * @param presented the bearer token as sent
	 * @return the active token it names
	 */
	public Optional<AdminToken> authenticate(String presented) {
		if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		Optional<AdminToken> token = this.tokens.findActiveByHash(SecretTokens.sha256Hex(presented));
		Instant now = this.clock.instant();
		// the row just read says whether a write is due: at most one a minute per token
		token.filter((found) -> found.lastUsedAt() == null || found.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL)))
			.ifPresent((found) -> this.tokens.touch(found.id(), now));
		return token;
	}

	private static String names(List<AdminScope> scopes) {
		return String.join(",", scopes.stream().map(AdminScope::scopeName).toList());
	}

	/**
	 * A token just created.
	 *
	 * @param token what is stored
	 * @param secret the bearer secret, shown to its creator once
	 */
	public record CreatedToken(AdminToken token, String secret) {
	}

}
