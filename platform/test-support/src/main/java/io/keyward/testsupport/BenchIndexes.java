package io.keyward.testsupport;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The search benchmarks' bulk fill (bench/search.sh): a table's secondary indexes are
 * dropped before millions of rows go in and built again after, as pg_restore does, which
 * is several times faster than keeping them up to date row by row.
 */
public final class BenchIndexes {

	private BenchIndexes() {
	}

	/**
	 * Drop the table's indexes but the ones named.
	 * @param keep the primary key and the unique indexes the fill relies on
	 * @return their definitions, to execute again after the fill
	 */
	public static List<String> drop(JdbcTemplate jdbc, String schema, String table, List<String> keep) {
		List<String> indexes = jdbc.queryForList(
				"select indexdef from pg_indexes where schemaname = ? and tablename = ? and indexname <> all(?)",
				String.class, schema, table, keep.toArray(String[]::new));
		indexes.forEach((definition) -> jdbc.execute(
				"drop index " + schema + "." + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*", "$2")));
		return indexes;
	}

}
