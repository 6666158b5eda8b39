package io.keyward.testsupport;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL would do with a query at scale: the migration tests hold a handful of
 * rows, where a sequential scan is always cheapest, so an index a search needs at ten
 * million rows is checked with sequential scans priced out.
 */
public final class QueryPlans {

	private QueryPlans() {
	}

	/**
	 * @param sql a query
	 * @return its plan (EXPLAIN) with sequential scans priced out, as they are with ten
	 * million rows
	 */
	public static String withoutSequentialScans(JdbcTemplate jdbc, String sql) {
		return jdbc.execute((ConnectionCallback<String>) (connection) -> {
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
