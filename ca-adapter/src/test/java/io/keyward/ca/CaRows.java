package io.keyward.ca;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows as the ca-adapter stores them, written straight into a schema (the service's own
 * {@code ca} or a migration test's scratch copy).
 */
public final class CaRows {

	private CaRows() {
	}

	/**
	 * A certificate as every schema since V2 stores it: its request (ISSUED) and its
	 * ledger row, with only the columns V2 had; profile {@code devices}, template
	 * {@code default}, valid for 365 days from its issue.
	 * @param schema {@code ca}, or a scratch schema migrated to the version whose rows
	 * are wanted
	 * @param sans the SANs as a PostgreSQL array literal, e.g. {@code {dns:a.example}}
	 */
	public static void certificate(JdbcTemplate jdbc, String schema, String serial, String transactionId,
			String subject, String sans, OffsetDateTime issuedAt) {
		long request = jdbc.queryForObject(
				"insert into " + schema + ".certificate_request (transaction_id, "
						+ "profile, template, csr, subject, requested_at, status, csr_sha256) values (?, 'devices', "
						+ "'default', '\\x3003020101', ?, ?, 'ISSUED', 'ab') returning id",
				Long.class, transactionId, subject, issuedAt);
		jdbc.update("insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
				+ "not_after, profile, template, transaction_id, pem, issued_at) values (?, ?, ?, ?::text[], ?, ?, "
				+ "'devices', 'default', ?, 'PEM', ?)", serial, request, subject, sans, issuedAt,
				issuedAt.plusDays(365), transactionId, issuedAt);
	}

}
