package io.keyward.challenge.onetime;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.keyward.edge.problem.InvalidRequest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The orders the admin lists challenges in: by minted time ({@code created}) or expiry
 * ({@code expires}), either way, ties broken by the row id so every row has one place and
 * a keyset page starts exactly after the previous one. The column names come from this
 * whitelist only, never from the query string.
 *
 * @param column {@code created_at} or {@code expires_at}
 * @param descending newest (or latest expiring) first
 */
public record ChallengeOrder(String column, boolean descending) {

	/** Every {@code sort} value the list accepts. */
	public static final List<String> VALUES = List.of("created:asc", "created:desc", "expires:asc", "expires:desc");

	/**
	 * @param sort {@code created} or {@code expires}, with {@code :asc} (the default) or
	 * {@code :desc}; null for the minting order
	 * @return the order, null for the minting order
	 * @throws InvalidRequest for any other value
	 */
	static @Nullable ChallengeOrder parse(@Nullable String sort) {
		if (sort == null || sort.isBlank()) {
			return null;
		}
		String asked = sort.strip().toLowerCase(Locale.ROOT);
		String full = asked.contains(":") ? asked : asked + ":asc";
		if (!VALUES.contains(full)) {
			throw new InvalidRequest("sort must be one of " + String.join(", ", VALUES));
		}
		String column = full.startsWith("created") ? "created_at" : "expires_at";
		return new ChallengeOrder(column, full.endsWith(":desc"));
	}

	/** The keyset condition: the rows after the cursor's in this order. */
	String after() {
		return "(" + this.column + ", id) " + (this.descending ? "<" : ">") + " (:cursorTime, :cursorId)";
	}

	String orderBy() {
		String direction = this.descending ? " desc" : "";
		return " order by " + this.column + direction + ", id" + direction;
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec query, Cursor cursor) {
		return query.param("cursorTime", this.column.equals("created_at") ? cursor.createdAt() : cursor.expiresAt())
			.param("cursorId", cursor.id());
	}

	/**
	 * The order keys of the row a page ended with.
	 */
	record Cursor(long id, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
	}

}
