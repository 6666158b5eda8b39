package io.keyward.challenge.onetime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code challenge.challenge}, in SQL like the redemption's UPDATE
 * ({@link ChallengeRedemption#REDEEM_UNUSED}): one persistence style for the table.
 */
@Repository
class ChallengeRepository {

	private final JdbcClient jdbc;

	ChallengeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the correlation id the database gave the new row
	 */
	UUID insert(Challenge challenge) {
		return this.jdbc.sql("""
				insert into challenge.challenge (challenge_hash, profile, template, created_at, expires_at,
				    api_client_id, bound_sid)
				values (:challengeHash, :profile, :template, :createdAt, :expiresAt, :apiClientId, :boundSid)
				returning correlation_id
				""")
			.param("challengeHash", challenge.challengeHash())
			.param("profile", challenge.profile())
			.param("template", challenge.template())
			.param("createdAt", utc(challenge.createdAt()))
			.param("expiresAt", utc(challenge.expiresAt()))
			.param("apiClientId", challenge.apiClientId(), Types.BIGINT)
			.param("boundSid", (challenge.binding() != null) ? challenge.binding().sid() : null, Types.VARCHAR)
			.query(UUID.class)
			.single();
	}

	Optional<Challenge> findByChallengeHash(byte[] challengeHash) {
		return this.jdbc.sql("select * from challenge.challenge where challenge_hash = :challengeHash")
			.param("challengeHash", challengeHash)
			.query(ChallengeRepository::challenge)
			.optional();
	}

	/**
	 * The count behind {@code max-outstanding}, served by the partial index
	 * {@code challenge_outstanding}.
	 */
	long countOutstanding(String profile, Instant now) {
		return this.jdbc.sql("""
				select count(*) from challenge.challenge
				where profile = :profile and redeemed_at is null and expires_at > :now
				""").param("profile", profile).param("now", utc(now)).query(Long.class).single();
	}

	/**
	 * The count behind an API client's own cap, served by the partial index
	 * {@code challenge_outstanding_by_client}.
	 */
	long countOutstandingOf(long apiClientId, Instant now) {
		return this.jdbc.sql("""
				select count(*) from challenge.challenge
				where api_client_id = :client and redeemed_at is null and expires_at > :now
				""").param("client", apiClientId).param("now", utc(now)).query(Long.class).single();
	}

	/**
	 * Delete, and record each deleted challenge that was never redeemed as EXPIRED in its
	 * life (issue 14), in one statement.
	 */
	int deleteExpiredBefore(Instant before) {
		return this.jdbc.sql("""
				with purged as (
				    delete from challenge.challenge where expires_at < :before
				    returning correlation_id, expires_at, redeemed_at),
				expired as (
				    insert into challenge.challenge_event (correlation_id, type, occurred_at)
				    select correlation_id, 'EXPIRED', expires_at from purged where redeemed_at is null)
				select count(*) from purged
				""").param("before", utc(before)).query(Integer.class).single();
	}

	private static Challenge challenge(ResultSet row, int rowNumber) throws SQLException {
		return new Challenge(row.getBytes("challenge_hash"), row.getString("profile"), row.getString("template"),
				instant(row, "created_at"), instant(row, "expires_at"), instant(row, "redeemed_at"),
				row.getString("transaction_id"), row.getString("public_key_sha256"),
				row.getObject("api_client_id", Long.class), binding(row.getString("bound_sid")),
				row.getObject("correlation_id", UUID.class));
	}

	/**
	 * @param sid the {@code bound_sid} column
	 * @return the binding it stands for, null when nothing was bound
	 */
	static @Nullable ChallengeBinding binding(@Nullable String sid) {
		return (sid != null) ? new ChallengeBinding(sid) : null;
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
