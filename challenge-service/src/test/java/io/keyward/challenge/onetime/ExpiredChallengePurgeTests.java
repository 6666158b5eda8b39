package io.keyward.challenge.onetime;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredChallengePurgeTests extends IntegrationTestSupport {

	@Autowired
	ExpiredChallengePurge purge;

	@Autowired
	ChallengeHasher hasher;

	@Test
	void whenExpiredLongerThanRetentionThenDeletedAndYoungerKept() {
		String old = mint("default").challenge();
		this.clock.advance(Duration.ofDays(30));
		String young = mint("default").challenge();
		this.purge.purge();
		assertThat(rows(old)).as("still within retention").isOne();
		this.clock.advance(Duration.ofMinutes(61));
		this.purge.purge();
		assertThat(rows(old)).isZero();
		assertThat(rows(young)).isOne();
		this.clock.reset();
		assertThat(redeem(old, "default").reason()).isEqualTo("unknown challenge");
	}

	private int rows(String challenge) {
		return this.jdbc.queryForObject("select count(*) from challenge.challenge where challenge_hash = ?",
				Integer.class, (Object) this.hasher.hash(challenge));
	}

}
