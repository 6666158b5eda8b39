package io.keyward.challenge.onetime;

import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.keyward.challenge.onetime.ChallengeRows.utc;

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
		return ChallengeRows.bind(this.jdbc.sql("""
				insert into challenge.challenge (challenge_hash, profile, template, created_at, expires_at,
				    api_client_id, public_id, external_id, bound_sid, bound_subject, bound_subject_pattern,
				    bound_sans, bound_key_usage, bound_device_id, bound_template, bound_to_csr)
				values (:challengeHash, :profile, :template, :createdAt, :expiresAt, :apiClientId, :publicId,
				    :externalId, :boundSid, :boundSubject, :boundSubjectPattern, :boundSans, :boundKeyUsage,
				    :boundDeviceId, :boundTemplate, :boundToCsr)
				returning correlation_id
				"""), challenge.binding())
			.param("challengeHash", challenge.challengeHash())
			.param("profile", challenge.profile())
			.param("template", challenge.template())
			.param("createdAt", utc(challenge.createdAt()))
			.param("expiresAt", utc(challenge.expiresAt()))
			.param("apiClientId", challenge.apiClientId(), Types.BIGINT)
			.param("publicId", challenge.publicId())
			.param("externalId", challenge.externalId(), Types.VARCHAR)
			.query(UUID.class)
			.single();
	}

	Optional<Challenge> findByChallengeHash(byte[] challengeHash) {
		return this.jdbc.sql("select * from challenge.challenge where challenge_hash = :challengeHash")
			.param("challengeHash", challengeHash)
			.query(ChallengeRows::challenge)
			.optional();
	}

	/**
	 * @return the challenge when that client minted it: another client's is not found
	 */
	Optional<Challenge> findByPublicId(UUID publicId, long apiClientId) {
		return this.jdbc
			.sql("select * from challenge.challenge where public_id = :publicId and api_client_id = :client")
			.param("publicId", publicId)
			.param("client", apiClientId)
			.query(ChallengeRows::challenge)
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
				    and revoked_at is null and refused_at is null
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
				    and revoked_at is null and refused_at is null
				""").param("client", apiClientId).param("now", utc(now)).query(Long.class).single();
	}

	/**
	 * Burn an unused challenge whose redeeming CSR missed its binding.
	 * @return whether this call burned it (false when it was used or burned meanwhile)
	 */
	boolean refuse(byte[] challengeHash, String reason, Instant now) {
		return this.jdbc.sql("""
				update challenge.challenge set refused_at = :now, refusal_reason = :reason
				where challenge_hash = :challengeHash and transaction_id is null and refused_at is null
				""").param("now", utc(now)).param("reason", reason).param("challengeHash", challengeHash).update() == 1;
	}

	/**
	 * Revoke a challenge its client no longer wants used.
	 * @return whether this call revoked it (false when redeemed, already revoked, or not
	 * that client's)
	 */
	boolean revoke(UUID publicId, long apiClientId, Instant now) {
		return this.jdbc.sql("""
				update challenge.challenge set revoked_at = :now
				where public_id = :publicId and api_client_id = :client and transaction_id is null
				    and revoked_at is null
				""").param("now", utc(now)).param("publicId", publicId).param("client", apiClientId).update() == 1;
	}

	/**
	 * Drop the secret's hash of every challenge that can no longer be redeemed: expired
	 * before {@code before} (its expiry plus the arrival grace). The record stays.
	 * @return per profile, how many hashes went and how many of those challenges expired
	 * unused (never redeemed, revoked or refused)
	 */
	List<ForgottenSecrets> forgetSecretsExpiredBefore(Instant before) {
		// the life of a challenge that was never redeemed, revoked or burned ends EXPIRED
		// (issue 14), written in the same statement
		return this.jdbc.sql("""
				with forgotten as (
				    update challenge.challenge set challenge_hash = null
				    where expires_at < :before and challenge_hash is not null
				    returning profile, correlation_id, expires_at, redeemed_at, revoked_at, refused_at),
				expired as (
				    insert into challenge.challenge_event (correlation_id, type, occurred_at)
				    select correlation_id, 'EXPIRED', expires_at from forgotten
				    where redeemed_at is null and revoked_at is null and refused_at is null)
				select profile, count(*) as secrets,
				    count(*) filter (where redeemed_at is null and revoked_at is null and refused_at is null) as expired
				from forgotten group by profile
				""")
			.param("before", utc(before))
			.query((row, number) -> new ForgottenSecrets(row.getString("profile"), row.getInt("secrets"),
					row.getInt("expired")))
			.list();
	}

	/**
	 * @param profile the challenges' profile
	 * @param secrets hashes dropped
	 * @param expired of those, challenges that expired unused
	 */
	record ForgottenSecrets(String profile, int secrets, int expired) {
	}

	/**
	 * Delete the records that expired before {@code before}; their lives stay.
	 */
	int deleteExpiredBefore(Instant before) {
		return this.jdbc.sql("delete from challenge.challenge where expires_at < :before")
			.param("before", utc(before))
			.update();
	}

}
