package io.keyward.ca;

import java.sql.SQLException;
import java.time.OffsetDateTime;

import io.keyward.testsupport.QueryPlans;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
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
	 * {@link CaRows#certificate} into the scratch schema.
	 */
	protected void certificate(String schema, String serial, String transactionId, String subject, String sans,
			OffsetDateTime issuedAt) {
		CaRows.certificate(this.jdbc, schema, serial, transactionId, subject, sans, issuedAt);
	}

	/**
	 * @param sql a query
	 * @return its plan with sequential scans priced out, as they are with ten million
	 * rows
	 */
	protected String plan(String sql) {
		return QueryPlans.withoutSequentialScans(this.jdbc, sql);
	}

}
