package io.keyward.challenge.onetime;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The redemption finds its challenge through the unique hash index, whatever PostgreSQL's
 * statistics say. An MDM mints challenges in bursts (a fleet roll-out) long before
 * autovacuum has analysed them; a plan through the outstanding-challenges index then
 * reads every outstanding challenge of the profile per redemption.
 */
class RedemptionPlanTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenThousandsAreOutstandingAndNotYetAnalysedThenRedemptionUsesTheHashIndex() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate()) {
			String schema = scratch.name();
			insertOutstanding(schema, 3000);
			assertThat(planOfRedemption(schema)).contains("challenge_hash_unique")
				.doesNotContain("challenge_outstanding");
			// and once analysed with every challenge redeemed (an empty outstanding
			// index)
			this.jdbc.update("update " + schema + ".challenge set redeemed_at = now(), transaction_id = 'TX-' || id");
			this.jdbc.execute("analyze " + schema + ".challenge");
			insertOutstanding(schema, 3000);
			assertThat(planOfRedemption(schema)).contains("challenge_hash_unique")
				.doesNotContain("challenge_outstanding");
		}
	}

	@Test
	void whenV1RowsExistThenV2KeepsThemAndOutstandingCountsAlike() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("1")) {
			String schema = scratch.name();
			insertOutstanding(schema, 3);
			this.jdbc.update("update " + schema + ".challenge set redeemed_at = now(), transaction_id = 'TX-V1' "
					+ "where id = (select min(id) from " + schema + ".challenge)");
			scratch.migrate("2");
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".challenge", Integer.class))
				.isEqualTo(3);
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".challenge "
					+ "where redeemed_at is null and expires_at > now()", Integer.class))
				.isEqualTo(2);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from " + schema + ".flyway_schema_history where success and version = '2'",
					Integer.class))
				.as("V2 applied over the V1 rows (later versions may follow)")
				.isOne();
			// a redemption without its transaction is refused from now on
			assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc
				.update("update " + schema + ".challenge set redeemed_at = now() where redeemed_at is null"));
		}
	}

	@Test
	void whenV2RowsExistThenV4KeepsThemUnboundAndTheyRedeemAsBefore() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("2")) {
			String schema = scratch.name();
			insertOutstanding(schema, 2);
			scratch.migrate();
			assertThat(this.jdbc.queryForObject(
					"select count(*) from " + schema + ".challenge where bound_sid is null and redeemed_at is null",
					Integer.class))
				.isEqualTo(2);
			assertThat(this.jdbc.update("update " + schema + ".challenge set bound_sid = 'S-1-5-21-1-2-3-1013' "
					+ "where id = (select min(id) from " + schema + ".challenge)"))
				.isOne();
		}
	}

	private void insertOutstanding(String schema, int count) {
		this.jdbc.update("insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
				+ "expires_at) select sha256(uuid_send(gen_random_uuid())), 'default', 'default', now(), "
				+ "now() + interval '1 hour' from generate_series(1, ?)", count);
	}

	/**
	 * EXPLAIN of the statement {@link ChallengeRedemption} runs, against the given schema
	 */
	private String planOfRedemption(String schema) {
		String statement = ChallengeRedemption.REDEEM_UNUSED.replace("challenge.challenge", schema + ".challenge")
			.replaceAll(":\\w+", "?");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return String.join("\n", this.jdbc.queryForList("explain " + statement, String.class, now, "TX-PLAN", null,
				null, new byte[32], "default", now, now.minusHours(24), false));
	}

}
