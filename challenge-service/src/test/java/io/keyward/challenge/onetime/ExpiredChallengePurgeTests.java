package io.keyward.challenge.onetime;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredChallengePurgeTests extends IntegrationTestSupport {

	@Autowired
	ExpiredChallengePurge purge;

	@Autowired
	ChallengeHasher hasher;

	@Autowired
	MeterRegistry meters;

	@Test
	void whenExpiredLongerThanRetentionThenDeletedCountedAndYoungerKept() {
		String old = mint("default").challenge();
		this.clock.advance(Duration.ofDays(30));
		String young = mint("default").challenge();
		this.purge.purge();
		assertThat(rows(old)).as("still within retention").isOne();
		double before = purged();
		this.clock.advance(Duration.ofMinutes(61));
		this.purge.purge();
		assertThat(rows(old)).isZero();
		// at least this test's challenge: other tests' expired rows in the shared
		// database
		// count too
		assertThat(purged() - before).isGreaterThanOrEqualTo(1);
		assertThat(rows(young)).isOne();
		this.clock.reset();
		assertThat(redeem(old, "default").reason()).isEqualTo("unknown challenge");
	}

	private double purged() {
		return this.meters.get("keyward.challenge.purged").counter().count();
	}

	@Test
	void whenAnUnredeemedChallengeIsPurgedThenItsLifeEndsExpiredAndARedeemedOneDoesNot() {
		MintedChallenge unused = mint("default");
		MintedChallenge used = mint("default");
		assertThat(redeem(used.challenge(), "default").accepted()).isTrue();
		this.clock.advance(Duration.ofDays(31));
		this.purge.purge();
		assertThat(types(unused.correlationId())).containsExactly("MINTED", "EXPIRED");
		assertThat(types(used.correlationId())).containsExactly("MINTED", "REDEEMED");
		assertThat(this.jdbc.queryForObject(
				"select occurred_at from challenge.challenge_event where correlation_id = ?::uuid and type = 'EXPIRED'",
				java.time.OffsetDateTime.class, unused.correlationId())
			.toInstant()).isEqualTo(unused.expiresAt());
	}

	private List<String> types(String correlationId) {
		return this.jdbc.queryForList(
				"select type from challenge.challenge_event where correlation_id = ?::uuid order by occurred_at, id",
				String.class, correlationId);
	}

	private int rows(String challenge) {
		return this.jdbc.queryForObject("select count(*) from challenge.challenge where challenge_hash = ?",
				Integer.class, (Object) this.hasher.hash(challenge));
	}

}
