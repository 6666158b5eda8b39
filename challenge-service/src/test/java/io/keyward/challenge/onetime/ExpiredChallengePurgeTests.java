package io.keyward.challenge.onetime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the secret's hash goes once a challenge can no longer be redeemed (expiry
 * plus the arrival grace), the record stays for the retention, then the row goes.
 */
class ExpiredChallengePurgeTests extends IntegrationTestSupport {

	@Autowired
	ExpiredChallengePurge purge;

	@Test
	void whenExpiredPastTheGraceThenTheHashGoesAndTheRecordStays() {
		MintedChallenge redeemed = mint("default");
		MintedChallenge unused = mint("default");
		String transactionId = newTransactionId();
		assertThat(redeem(redeemed.challenge(), "default", transactionId, publicKeySha256()).accepted()).isTrue();
		// expired, but still within the arrival grace (24 h): the hash is kept
		this.clock.advance(Duration.ofHours(2));
		this.purge.purge();
		assertThat(row(unused).get("hashed")).isEqualTo(true);

		this.clock.advance(Duration.ofHours(24));
		this.purge.purge();

		assertThat(row(unused)).containsEntry("hashed", false).containsEntry("profile", "default");
		assertThat(row(redeemed)).containsEntry("hashed", false).containsEntry("transaction_id", transactionId);
		assertThat(redeem(unused.challenge(), "default").reason()).isEqualTo("unknown challenge");
	}

	@Autowired
	MeterRegistry meters;

	@Test
	void whenExpiredLongerThanRetentionThenDeletedAndYoungerKept() {
		MintedChallenge old = mint("default");
		this.clock.advance(Duration.ofDays(30));
		MintedChallenge young = mint("default");
		this.purge.purge();
		assertThat(count(old)).as("still within retention").isOne();
		double before = purged();
		this.clock.advance(Duration.ofMinutes(61));
		this.purge.purge();
		assertThat(count(old)).isZero();
		// at least this test's challenge: other tests' expired rows in the shared
		// database
		// count too
		assertThat(purged() - before).isGreaterThanOrEqualTo(1);
		assertThat(count(young)).isOne();
		this.clock.reset();
		assertThat(redeem(old.challenge(), "default").reason()).isEqualTo("unknown challenge");
	}

	@Test
	void whenAnUnusedChallengeCanNoLongerBeRedeemedThenCountedExpiredOnceAndARedeemedOneNot() {
		// every challenge other tests left behind expires and is counted first
		this.clock.advance(Duration.ofDays(400));
		this.purge.purge();
		double before = expired();
		MintedChallenge unused = mint("default");
		MintedChallenge used = mint("default");
		assertThat(redeem(used.challenge(), "default").accepted()).isTrue();

		this.clock.advance(Duration.ofDays(2));
		this.purge.purge();
		this.purge.purge();

		assertThat(row(unused).get("hashed")).isEqualTo(false);
		assertThat(expired() - before).isEqualTo(1.0);
	}

	private double expired() {
		return counted(this.meters, "keyward.challenge.expired", "profile", "default");
	}

	private double purged() {
		return this.meters.get("keyward.challenge.purged").tag("what", "record").counter().count();
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

	private Map<String, Object> row(MintedChallenge challenge) {
		return this.jdbc.queryForMap("select challenge_hash is not null as hashed, profile, transaction_id "
				+ "from challenge.challenge where public_id = ?", challenge.id());
	}

	private int count(MintedChallenge challenge) {
		return this.jdbc.queryForObject("select count(*) from challenge.challenge where public_id = ?", Integer.class,
				challenge.id());
	}

}
