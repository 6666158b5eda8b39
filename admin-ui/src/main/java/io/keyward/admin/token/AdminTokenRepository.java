package io.keyward.admin.token;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code admin.api_token} table, in SQL: looked up by the SHA-256 of the presented
 * token, never by the token.
 */
@Repository
class AdminTokenRepository {

	private static final String COLUMNS = "id, name, scopes, created_by, created_at, last_used_at, revoked_at, revoked_by";

	private final JdbcClient jdbc;

	AdminTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the new token's id, or empty when the name is taken
	 */
	Optional<Long> insertIfNameFree(String name, String tokenSha256, List<AdminScope> scopes, String createdBy,
			Instant now) {
		return this.jdbc.sql("insert into admin.api_token (name, token_sha256, scopes, created_by, created_at) "
				+ "values (:name, :hash, cast(:scopes as text[]), :by, :now) on conflict (name) do nothing returning id")
			.param("name", name)
			.param("hash", tokenSha256)
			.param("scopes", arrayLiteral(scopes))
			.param("by", createdBy)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional();
	}

	Optional<AdminToken> findActiveByHash(String tokenSha256) {
		return this.jdbc
			.sql("select " + COLUMNS + " from admin.api_token where token_sha256 = :hash and revoked_at is null")
			.param("hash", tokenSha256)
			.query(AdminTokenRepository::map)
			.optional();
	}

	Optional<AdminToken> findById(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from admin.api_token where id = :id")
			.param("id", id)
			.query(AdminTokenRepository::map)
			.optional();
	}

	List<AdminToken> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from admin.api_token order by revoked_at nulls first, name")
			.query(AdminTokenRepository::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from admin.api_token").query(Long.class).single();
	}

	/**
	 * Records a use at most once a minute per token, so a busy automation does not write
	 * on every call.
	 */
	void touch(long id, Instant now) {
		this.jdbc
			.sql("update admin.api_token set last_used_at = :now where id = :id "
					+ "and (last_used_at is null or last_used_at < cast(:now as timestamptz) - interval '1 minute')")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * @return whether an active token was revoked by this call
	 */
	boolean revoke(long id, String revokedBy, Instant now) {
		return this.jdbc
			.sql("update admin.api_token set revoked_at = :now, revoked_by = :by where id = :id and revoked_at is null")
			.param("id", id)
			.param("by", revokedBy)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static String arrayLiteral(List<AdminScope> scopes) {
		// scope names are fixed identifiers ([a-z:]), so no quoting is needed
		return "{" + String.join(",", scopes.stream().map(AdminScope::scopeName).toList()) + "}";
	}

	private static AdminToken map(ResultSet rs, int row) throws SQLException {
		Array array = rs.getArray("scopes");
		List<AdminScope> scopes = new ArrayList<>();
		for (Object name : (Object[]) array.getArray()) {
			AdminScope.of((String) name).ifPresent(scopes::add);
		}
		return new AdminToken(rs.getLong("id"), rs.getString("name"), List.copyOf(scopes), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"),
				rs.getString("revoked_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
