package io.keyward.challenge.onetime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.edge.problem.InvalidRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.keyward.challenge.onetime.ChallengeRows.utc;

/**
 * A client's own challenges, filtered, in minting order (or in an {@link ChallengeOrder}:
 * minted or expiry time, either way), a page at a time by keyset: the cursor is the
 * public id of the last challenge of the previous page, and the next page starts after
 * its row ({@code challenge_client_order}; the orders by time use V17's
 * {@code challenge_open_by_created} and {@code challenge_open_by_expiry} for the
 * challenges still open), so paging stays cheap however many challenges the client has.
 */
@Repository
class ChallengeListing {

	static final int MAX_LIMIT = 500;

	/**
	 * Each state as a condition on the row, in the precedence of {@link Challenge#state}.
	 */
	private static final Map<String, String> STATES = Map.of("outstanding",
			"transaction_id is null and revoked_at is null and refused_at is null and expires_at > :now", "redeemed",
			"transaction_id is not null", "revoked", "transaction_id is null and revoked_at is not null", "refused",
			"transaction_id is null and revoked_at is null and refused_at is not null", "expired",
			"transaction_id is null and revoked_at is null and refused_at is null and expires_at <= :now");

	private final JdbcClient jdbc;

	ChallengeListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param state one of the states, null for all
	 * @param after the cursor, null for the first page
	 * @throws InvalidRequest naming the parameter that is out of range
	 */
	List<Challenge> page(long apiClientId, @Nullable String state, @Nullable String profile,
			@Nullable String externalId, @Nullable UUID after, int limit, Instant now) {
		return page(apiClientId, state, profile, externalId, null, after, limit, now);
	}

	/**
	 * @param order by minted or expiry time; null for minting order
	 * @param after the cursor, null for the first page
	 * @throws InvalidRequest naming the parameter that is out of range, or a cursor that
	 * names no challenge of the client
	 */
	List<Challenge> page(long apiClientId, @Nullable String state, @Nullable String profile,
			@Nullable String externalId, @Nullable ChallengeOrder order, @Nullable UUID after, int limit, Instant now) {
		if (state != null && !STATES.containsKey(state)) {
			throw new InvalidRequest(
					"state must be one of " + String.join(", ", STATES.keySet().stream().sorted().toList()));
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequest("limit must be between 1 and " + MAX_LIMIT);
		}
		StringBuilder sql = new StringBuilder("select * from challenge.challenge where api_client_id = :client");
		if (state != null) {
			sql.append(" and ").append(STATES.get(state));
		}
		if (profile != null) {
			sql.append(" and profile = :profile");
		}
		if (externalId != null) {
			sql.append(" and external_id = :externalId");
		}
		if (order != null && after != null) {
			sql.append(" and ").append(order.after());
		}
		else if (after != null) {
			sql.append(" and id > coalesce((select id from challenge.challenge where public_id = :after "
					+ "and api_client_id = :client), 9223372036854775807)");
		}
		sql.append((order != null) ? order.orderBy() : " order by id").append(" limit :limit");
		JdbcClient.StatementSpec query = this.jdbc.sql(sql.toString())
			.param("client", apiClientId)
			.param("limit", limit);
		if (order != null && after != null) {
			query = order.bind(query, cursorRow(apiClientId, after));
		}
		if (state != null && STATES.get(state).contains(":now")) {
			query = query.param("now", utc(now));
		}
		if (profile != null) {
			query = query.param("profile", profile);
		}
		if (externalId != null) {
			query = query.param("externalId", externalId);
		}
		if (order == null && after != null) {
			query = query.param("after", after);
		}
		return query.query(ChallengeRows::challenge).list();
	}

	/**
	 * @return the cursor's order keys, whatever its state now (the last row of a page may
	 * have been redeemed since)
	 */
	private ChallengeOrder.Cursor cursorRow(long apiClientId, UUID after) {
		return this.jdbc
			.sql("select id, created_at, expires_at from challenge.challenge "
					+ "where public_id = :after and api_client_id = :client")
			.param("after", after)
			.param("client", apiClientId)
			.query((row, number) -> new ChallengeOrder.Cursor(row.getLong("id"),
					row.getObject("created_at", OffsetDateTime.class),
					row.getObject("expires_at", OffsetDateTime.class)))
			.optional()
			.orElseThrow(() -> new InvalidRequest("after must be the id of one of this client's challenges"));
	}

}
