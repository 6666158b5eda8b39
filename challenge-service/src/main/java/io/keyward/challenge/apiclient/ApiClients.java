package io.keyward.challenge.apiclient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.MdmClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code api_client} and {@code api_client_key}. Keys are looked up by their
 * SHA-256 only. The schema is the one Flyway migrates (a second instance in a test may
 * use another).
 */
@Repository
class ApiClients {

	/** {@code last_used_at} is written at most this often per key, not once per call. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final JdbcClient jdbc;

	private final String client;

	private final String key;

	ApiClients(JdbcClient jdbc, @Value("${spring.flyway.default-schema:challenge}") String schema) {
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("spring.flyway.default-schema must be a plain lower-case name");
		}
		this.jdbc = jdbc;
		this.client = schema + ".api_client";
		this.key = schema + ".api_client_key";
	}

	/**
	 * An active key of an enabled client.
	 *
	 * @param principal the client
	 * @param scopes its scopes
	 * @param keyId the key's id
	 * @param lastUsedAt when the key was last recorded as used
	 */
	record KeyMatch(ApiClientPrincipal principal, List<String> scopes, long keyId, @Nullable Instant lastUsedAt) {
	}

	Optional<KeyMatch> findByActiveKey(String keyHash) {
		return this.jdbc.sql("""
				select c.id, c.name, c.scopes, c.profiles, c.max_outstanding, c.rate_per_second, c.rate_burst,
				       k.id as key_id, k.last_used_at
				from %s k join %s c on c.id = k.api_client_id
				where k.key_hash = :hash and k.revoked_at is null and c.disabled_at is null
				""".formatted(this.key, this.client))
			.param("hash", keyHash)
			.query((row, n) -> new KeyMatch(
					new ApiClientPrincipal(row.getLong("id"), row.getString("name"), profiles(row),
							row.getInt("max_outstanding"), row.getObject("rate_per_second", Integer.class),
							row.getObject("rate_burst", Integer.class)),
					words(row.getString("scopes")), row.getLong("key_id"), instant(row, "last_used_at")))
			.optional();
	}

	/**
	 * @param clientId {@code api_client.id}
	 * @return the client as it mints, empty when unknown or disabled
	 */
	Optional<ApiClientPrincipal> findEnabled(long clientId) {
		return this.jdbc.sql("""
				select id, name, profiles, max_outstanding, rate_per_second, rate_burst
				from %s where id = :id and disabled_at is null""".formatted(this.client))
			.param("id", clientId)
			.query((row, n) -> new ApiClientPrincipal(row.getLong("id"), row.getString("name"), profiles(row),
					row.getInt("max_outstanding"), row.getObject("rate_per_second", Integer.class),
					row.getObject("rate_burst", Integer.class)))
			.optional();
	}

	/**
	 * Record a key's use unless it was recorded less than {@link #LAST_USED_PRECISION}
	 * ago (by this instance or another).
	 */
	void touch(long keyId, Instant now) {
		this.jdbc
			.sql("update %s set last_used_at = :now where id = :id and (last_used_at is null or last_used_at <= :due)"
				.formatted(this.key))
			.param("now", utc(now))
			.param("due", utc(now.minus(LAST_USED_PRECISION)))
			.param("id", keyId)
			.update();
	}

	long count() {
		return this.jdbc.sql("select count(*) from " + this.client).query(Long.class).single();
	}

	/**
	 * @return the new client's id; empty when a client of that name exists (two instances
	 * starting together create one bootstrap client, not two)
	 */
	Optional<Long> insertIfAbsent(String name, List<String> scopes, @Nullable List<String> profiles, int maxOutstanding,
			@Nullable Integer ratePerSecond, @Nullable Integer rateBurst, Instant createdAt) {
		return this.jdbc.sql("""
				insert into %s (name, scopes, profiles, max_outstanding, rate_per_second, rate_burst, created_at)
				values (:name, :scopes, :profiles, :maxOutstanding, :ratePerSecond, :rateBurst, :createdAt)
				on conflict (name) do nothing returning id""".formatted(this.client))
			.param("name", name)
			.param("scopes", String.join(" ", scopes))
			.param("profiles", (profiles != null) ? String.join(" ", profiles) : null, Types.VARCHAR)
			.param("maxOutstanding", maxOutstanding)
			.param("ratePerSecond", ratePerSecond, Types.INTEGER)
			.param("rateBurst", rateBurst, Types.INTEGER)
			.param("createdAt", utc(createdAt))
			.query(Long.class)
			.optional();
	}

	long insertKey(long clientId, String label, String keyHash, Instant createdAt) {
		return this.jdbc.sql("""
				insert into %s (api_client_id, label, key_hash, created_at)
				values (:clientId, :label, :keyHash, :createdAt) returning id""".formatted(this.key))
			.param("clientId", clientId)
			.param("label", label)
			.param("keyHash", keyHash)
			.param("createdAt", utc(createdAt))
			.query(Long.class)
			.single();
	}

	/**
	 * @return 1 when the key was active and is now revoked
	 */
	int revokeKey(long clientId, long keyId, Instant now) {
		return this.jdbc.sql(
				"update %s set revoked_at = :now where id = :keyId and api_client_id = :clientId and revoked_at is null"
					.formatted(this.key))
			.param("now", utc(now))
			.param("keyId", keyId)
			.param("clientId", clientId)
			.update();
	}

	/**
	 * @return 1 when the client was enabled and is now disabled
	 */
	int disable(long clientId, Instant now) {
		return this.jdbc
			.sql("update %s set disabled_at = :now where id = :id and disabled_at is null".formatted(this.client))
			.param("now", utc(now))
			.param("id", clientId)
			.update();
	}

	List<MdmClient> list() {
		Map<Long, List<MdmClient.Key>> keys = this.jdbc
			.sql("select * from %s order by created_at desc, id desc".formatted(this.key))
			.query((row, n) -> Map.entry(row.getLong("api_client_id"),
					new MdmClient.Key(row.getLong("id"), row.getString("label"), instant(row, "created_at"),
							instant(row, "last_used_at"), instant(row, "revoked_at"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return this.jdbc.sql("select * from %s order by name".formatted(this.client))
			.query((row, n) -> new MdmClient(row.getLong("id"), row.getString("name"), words(row.getString("scopes")),
					listOrNull(profiles(row)), row.getInt("max_outstanding"),
					row.getObject("rate_per_second", Integer.class), row.getObject("rate_burst", Integer.class),
					instant(row, "created_at"), instant(row, "disabled_at"),
					keys.getOrDefault(row.getLong("id"), List.of())))
			.list();
	}

	Optional<MdmClient> find(long clientId) {
		return list().stream().filter((found) -> found.id() == clientId).findFirst();
	}

	/** Space-separated, as in OAuth 2.0 (RFC 6749 section 3.3). */
	private static List<String> words(@Nullable String text) {
		return (text != null) ? Arrays.stream(text.split(" ")).filter((word) -> !word.isBlank()).toList() : List.of();
	}

	private static @Nullable Set<String> profiles(ResultSet row) throws SQLException {
		String text = row.getString("profiles");
		return (text != null) ? new LinkedHashSet<>(words(text)) : null;
	}

	private static @Nullable List<String> listOrNull(@Nullable Set<String> profiles) {
		return (profiles != null) ? List.copyOf(profiles) : null;
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
