package io.keyward.challenge.onetime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: redemption time stays flat however many challenges are outstanding. Not a
 * test of the suite (its name is no {@code *Tests}, and it runs only with
 * {@code -Dkeyward.bench.rows=N}); {@code bench/challenge-store.sh} runs it in a fresh
 * JVM per size and collects what it prints.
 *
 * <p>
 * It fills the table with {@code rows} outstanding challenges in SQL
 * ({@code generate_series}, a million per statement), among them {@code cold + warm}
 * whose clear text it knows, then redeems those one after the other over real HTTP
 * through {@code POST /internal/v1/redemptions} (the gateway's call): the first
 * {@code cold} are the first redemptions this JVM serves, the rest are warm. It prints
 * the plan of the redemption's UPDATE and p50/p99 of each phase.
 */
@EnabledIfSystemProperty(named = "keyward.bench.rows", matches = "[0-9]+")
class ChallengeStoreBenchmark extends IntegrationTestSupport {

	private static final int CHUNK = 1_000_000;

	@Autowired
	ChallengeHasher hasher;

	@Test
	void redeemAtSize() throws IOException {
		long rows = Long.getLong("keyward.bench.rows");
		int cold = Integer.getInteger("keyward.bench.cold", (int) Math.min(200, rows / 5));
		// at most the rows there are: at 10^3 every row is one of the redeemed
		int warm = Integer.getInteger("keyward.bench.warm", (int) Math.min(2000, rows - cold));
		List<String> report = new ArrayList<>();
		this.jdbc.update("delete from challenge.challenge where profile = 'bench'");

		long fillStart = System.nanoTime();
		// as pg_restore does: the indexes go during the bulk insert and are built again
		// by
		// sorting afterwards, the same definitions (a fill by 10^7 single inserts into
		// five
		// indexes took about an hour on the loaded 2-core machine)
		List<String> indexes = dropIndexes();
		for (long done = 0; done < rows - cold - warm; done += CHUNK) {
			this.jdbc.update(
					"insert into challenge.challenge (challenge_hash, profile, template, created_at, "
							+ "expires_at) select sha256(uuid_send(gen_random_uuid())), 'bench', 'default', now(), "
							+ "now() + interval '7 days' from generate_series(1, ?)",
					Math.min(CHUNK, rows - cold - warm - done));
		}
		indexes.forEach(this.jdbc::execute);
		List<String> challenges = knownChallenges(cold + warm);
		this.jdbc.execute("analyze challenge.challenge");
		report.add(String.format(Locale.ROOT, "rows=%d fill_s=%.1f table_mb=%d", count(),
				(System.nanoTime() - fillStart) / 1e9, this.jdbc
					.queryForObject("select pg_total_relation_size('challenge.challenge') / 1048576", Long.class)));
		String plan = plan(challenges.get(0));
		report.add(plan);
		assertThat(plan).contains("challenge_hash_unique");

		report.add(phase("cold", challenges.subList(0, cold)));
		report.add(phase("warm", challenges.subList(cold, cold + warm)));
		report.forEach(System.out::println);
		Path out = Path.of("target", "bench", "challenge-store-" + rows + ".txt");
		Files.createDirectories(out.getParent());
		Files.write(out, report);
	}

	/** Redeem each one after the other, timed from the client's side. */
	private String phase(String name, List<String> challenges) {
		double[] millis = new double[challenges.size()];
		for (int i = 0; i < challenges.size(); i++) {
			long start = System.nanoTime();
			RedemptionResult result = redeem(challenges.get(i), "bench");
			millis[i] = (System.nanoTime() - start) / 1e6;
			assertThat(result.accepted()).isTrue();
		}
		Arrays.sort(millis);
		return String.format(Locale.ROOT, "phase=%s n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f", name, millis.length,
				millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1],
				millis[millis.length - 1]);
	}

	/**
	 * @return the statements that create the dropped unique constraints and indexes again
	 */
	private List<String> dropIndexes() {
		List<String> create = new ArrayList<>();
		for (String name : this.jdbc.queryForList("select conname from pg_constraint where conrelid = "
				+ "'challenge.challenge'::regclass and contype = 'u'", String.class)) {
			create.add(
					"alter table challenge.challenge add constraint " + name + " "
							+ this.jdbc
								.queryForObject(
										"select pg_get_constraintdef(oid) from pg_constraint where conname = ? "
												+ "and conrelid = 'challenge.challenge'::regclass",
										String.class, name));
			this.jdbc.execute("alter table challenge.challenge drop constraint " + name);
		}
		for (String definition : this.jdbc.queryForList("select indexdef from pg_indexes where schemaname = "
				+ "'challenge' and tablename = 'challenge' and indexname <> 'challenge_pkey'", String.class)) {
			create.add(definition);
			this.jdbc.execute("drop index challenge." + definition.replaceFirst("^CREATE INDEX (\\S+) .*", "$1"));
		}
		return create;
	}

	private List<String> knownChallenges(int count) {
		SecureRandom random = new SecureRandom();
		List<String> challenges = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] bytes = new byte[16];
			random.nextBytes(bytes);
			String challenge = HexFormat.of().withUpperCase().formatHex(bytes);
			challenges.add(challenge);
			rows.add(new Object[] { this.hasher.hash(challenge) });
		}
		this.jdbc.batchUpdate("insert into challenge.challenge (challenge_hash, profile, template, created_at, "
				+ "expires_at) values (?, 'bench', 'default', now(), now() + interval '7 days')", rows);
		return challenges;
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from challenge.challenge where profile = 'bench'", Long.class);
	}

	/** EXPLAIN ANALYZE of the redemption's statement, rolled back. */
	private String plan(String challenge) {
		String statement = ChallengeRedemption.REDEEM_UNUSED.replaceAll(":\\w+", "?");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return this.jdbc.execute((ConnectionCallback<String>) (connection) -> {
			connection.setAutoCommit(false);
			try (PreparedStatement explain = connection
				.prepareStatement("explain (analyze, buffers, costs off) " + statement)) {
				Object[] values = { now, "TX-PLAN", null, null, this.hasher.hash(challenge), "bench", now,
						now.minusHours(24), false };
				for (int i = 0; i < values.length; i++) {
					explain.setObject(i + 1, values[i]);
				}
				StringBuilder text = new StringBuilder();
				try (ResultSet result = explain.executeQuery()) {
					while (result.next()) {
						text.append(result.getString(1)).append('\n');
					}
				}
				return text.toString().strip();
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		});
	}

}
