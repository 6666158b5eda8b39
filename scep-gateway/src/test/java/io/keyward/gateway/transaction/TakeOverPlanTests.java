package io.keyward.gateway.transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A take-over finds its transaction through the unique (profile, transactionID) index (or
 * V19's index of the transactionID alone, as cheap: one row), whatever PostgreSQL's
 * statistics say. When the CA is down, open transactions pile up long after the table was
 * last analysed (with none open); a plan through the finisher's partial index of open
 * transactions then read all of them for every claim, just when the finisher works
 * through the backlog.
 */
class TakeOverPlanTests extends AbstractGatewayTests {

	@Autowired
	DataSource dataSource;

	@Test
	void whenThousandsAreOpenSinceTheLastAnalyseThenTakeOverUsesTheUniqueIndex() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate()) {
			String schema = scratch.name();
			insert(schema, "ISSUED", 20_000);
			this.jdbc.execute("analyze " + schema + ".transaction");
			insert(schema, "RECEIVED", 3000);
			for (String seenClaim : List.of("claim_token is null", "claim_token = ?")) {
				// either index that finds a transactionID: the unique one, or the
				// search's
				// (V19, transactionID alone)
				assertThat(planOfTakeOver(schema, seenClaim))
					.containsPattern("Index Scan using (transaction_profile_transaction_id_unique|"
							+ "transaction_transaction_id_idx) ")
					.doesNotContain("transaction_open_due_idx");
			}
		}
	}

	private void insert(String schema, String status, int count) {
		this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
				+ "signer_key_sha256, csr_sha256, status, created_at, updated_at) select gen_random_uuid(), "
				+ "'default', md5(random()::text), 'PKCSReq', 'aa', 'bb', ?, now(), now() "
				+ "from generate_series(1, ?)", status, count);
	}

	/**
	 * EXPLAIN of the statement {@link TransactionClaims#takeOver} runs, in the given
	 * schema
	 */
	private String planOfTakeOver(String schema, String seenClaim) {
		String statement = "explain " + (TransactionClaims.TAKE_OVER + seenClaim).replaceAll(":\\w+", "?");
		return this.jdbc.execute((ConnectionCallback<String>) (connection) -> {
			// the pool set the connection's schema when it opened it; "reset search_path"
			// would go back to the server default instead, and the next test class
			// handed this connection would find no tables
			String poolPath;
			try (var showPath = connection.createStatement(); var path = showPath.executeQuery("show search_path")) {
				path.next();
				poolPath = path.getString(1);
			}
			try (var setPath = connection.createStatement()) {
				setPath.execute("set search_path to " + schema);
			}
			try (var explain = connection.prepareStatement(statement)) {
				// in the order of TAKE_OVER's parameters: token, now, csr, correlationId,
				// ...
				Object[] values = { UUID.randomUUID(), TransactionClaims.utc(Instant.now()), null, UUID.randomUUID(),
						"default", "TX-PLAN", "", 0, UUID.randomUUID() };
				int count = explain.getParameterMetaData().getParameterCount();
				for (int i = 0; i < count; i++) {
					explain.setObject(i + 1, values[i]);
				}
				List<String> lines = new ArrayList<>();
				try (var rows = explain.executeQuery()) {
					while (rows.next()) {
						lines.add(rows.getString(1));
					}
				}
				return String.join("\n", lines);
			}
			finally {
				try (var resetPath = connection.prepareStatement("select set_config('search_path', ?, false)")) {
					resetPath.setString(1, poolPath);
					resetPath.execute();
				}
			}
		});
	}

}
