package io.keyward.challenge.onetime;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ChallengeRepository extends JpaRepository<Challenge, Long> {

	Optional<Challenge> findByChallengeHash(byte[] challengeHash);

	@Query("""
			select count(c) from Challenge c
			where c.profile = :profile and c.redeemedAt is null and c.expiresAt > :now""")
	long countOutstanding(String profile, Instant now);

	/**
	 * Mark a challenge used, in one statement. Under PostgreSQL's READ COMMITTED a second
	 * concurrent UPDATE of the same row waits for the first to commit and then re-checks
	 * {@code redeemed_at is null} against the committed row, so exactly one caller sees a
	 * count of 1. The persistence context is cleared so that a re-read afterwards sees
	 * the row as the database has it.
	 * @return 1 when this call redeemed the challenge, otherwise 0
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update Challenge c
			set c.redeemedAt = :now, c.transactionId = :transactionId, c.subject = :subject,
				c.publicKeySha256 = :publicKeySha256
			where c.challengeHash = :challengeHash and c.profile = :profile
				and c.redeemedAt is null and c.expiresAt > :now""")
	int redeem(byte[] challengeHash, String profile, Instant now, String transactionId, @Nullable String subject,
			@Nullable String publicKeySha256);

	@Modifying
	@Query("delete from Challenge c where c.expiresAt < :before")
	int deleteExpiredBefore(Instant before);

}
