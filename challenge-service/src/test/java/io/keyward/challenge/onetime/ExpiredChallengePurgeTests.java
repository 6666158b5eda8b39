package io.keyward.challenge.onetime;

import java.time.Duration;
import java.util.Map;

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

	@Test
	void whenExpiredLongerThanRetentionThenDeletedAndYoungerKept() {
		MintedChallenge old = mint("default");
		this.clock.advance(Duration.ofDays(30));
		MintedChallenge young = mint("default");
		this.purge.purge();
		assertThat(count(old)).as("still within retention").isOne();
		this.clock.advance(Duration.ofMinutes(61));
		this.purge.purge();
		assertThat(count(old)).isZero();
		assertThat(count(young)).isOne();
		this.clock.reset();
		assertThat(redeem(old.challenge(), "default").reason()).isEqualTo("unknown challenge");
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
