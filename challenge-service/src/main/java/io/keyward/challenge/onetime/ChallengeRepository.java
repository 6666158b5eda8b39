package io.keyward.challenge.onetime;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ChallengeRepository extends JpaRepository<Challenge, Long> {

	Optional<Challenge> findByChallengeHash(byte[] challengeHash);

	@Query("""
			select count(c) from Challenge c
			where c.profile = :profile and c.redeemedAt is null and c.expiresAt > :now""")
	long countOutstanding(String profile, Instant now);

	@Modifying
	@Query("delete from Challenge c where c.expiresAt < :before")
	int deleteExpiredBefore(Instant before);

}
