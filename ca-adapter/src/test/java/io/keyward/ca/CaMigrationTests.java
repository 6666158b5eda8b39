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
	 * A certificate as every schema since V2 stores it: its request (ISSUED) and its
	 * ledger row, with only the columns V2 had; profile {@code devices}, template
	 * {@code default}, valid for 365 days from its issue.
	 * @param schema the scratch schema, migrated to the version whose rows are wanted
	 * @param sans the SANs as a PostgreSQL array literal, e.g. {@code {dns:a.example}}
	 */
	protected void certificate(String schema, String serial, String transactionId, String subject, String sans,
			OffsetDateTime issuedAt) {
		long request = this.jdbc.queryForObject(
				"insert into " + schema + ".certificate_request (transaction_id, "
						+ "profile, template, csr, subject, requested_at, status, csr_sha256) values (?, 'devices', "
						+ "'default', '\\x3003020101', ?, ?, 'ISSUED', 'ab') returning id",
				Long.class, transactionId, subject, issuedAt);
		this.jdbc.update("insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
				+ "not_after, profile, template, transaction_id, pem, issued_at) values (?, ?, ?, ?::text[], ?, ?, "
				+ "'devices', 'default', ?, 'PEM', ?)", serial, request, subject, sans, issuedAt,
				issuedAt.plusDays(365), transactionId, issuedAt);
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
