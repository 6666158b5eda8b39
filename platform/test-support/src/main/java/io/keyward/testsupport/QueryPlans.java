package io.keyward.testsupport;

import java.util.function.Supplier;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	/**
	 * Runs {@code work} in one transaction whose planner joins only by nested loops and
	 * materializes nothing (hash and merge joins, hash aggregation, sorts and
	 * materialization priced out), as PostgreSQL may plan with some statistics: a
	 * subquery on the inner side of a join is then run again for every outer row. A
	 * statement that claims "at most N rows" through {@code in (select ... limit N for
	 * update skip locked)} claims more that way.
	 */
	public static <T> T withRescannedSubqueries(PlatformTransactionManager transactions, JdbcTemplate jdbc,
			Supplier<T> work) {
		return new TransactionTemplate(transactions).execute((status) -> {
			for (String setting : new String[] { "enable_hashjoin", "enable_mergejoin", "enable_material",
					"enable_hashagg", "enable_sort" }) {
				jdbc.execute("set local " + setting + " = off");
			}
			return work.get();
		});
	}

}
