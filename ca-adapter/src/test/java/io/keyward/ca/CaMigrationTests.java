package io.keyward.ca;

import java.sql.SQLException;

import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration test of the {@code ca} schema: each test gets a scratch copy of the schema
 * to migrate step by step (to a version, fill it with that version's rows, then to the
 * latest), dropped afterwards.
 */
@CaAdapterTest
public abstract class CaMigrationTests {

	@Autowired
	protected JdbcTemplate jdbc;

	protected ScratchSchema scratch;

	@BeforeEach
	void scratchSchema() {
		this.scratch = ScratchSchema.of(this.jdbc.getDataSource(), "ca");
	}

	@AfterEach
	void dropSchema() throws SQLException {
		this.scratch.close();
	}

	/**
	 * @param sql a query
	 * @return its plan with sequential scans priced out, as they are with ten million
	 * rows
	 */
	protected String plan(String sql) {
		return this.jdbc.execute((ConnectionCallback<String>) (connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("set enable_seqscan = off");
				StringBuilder plan = new StringBuilder();
				try (var rows = statement.executeQuery("explain " + sql)) {
					while (rows.next()) {
						plan.append(rows.getString(1)).append('\n');
					}
				}
				statement.execute("reset enable_seqscan");
				return plan.toString();
			}
		});
	}

}
