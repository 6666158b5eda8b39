package io.keyward.admin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database whose audit log (V6) holds 20 000 chained records: V7 adds the
 * sort indexes without touching a record (the chain still verifies), and then every order
 * with every filter the page offers, and the actor filter's list, is read from an index
 * in order: no sort, no scan of the table.
 */
class AuditSortMigrationTests extends AdminUiTestSupport {

	private static final int RECORDS = 20_000;

	/**
	 * A plan may sort the few rows that an index found by equality on both filters; never
	 * more (an order the indexes do not serve would sort a share of the whole log).
	 */
	private static final int MAX_SORTED = 1000;

	private static final Pattern SORT = Pattern.compile("Sort {2}\\(cost=[0-9.]+ rows=([0-9]+)");

	@Autowired
	DataSource dataSource;

	@Test
	void whenV6HoldsRecordsThenV7KeepsTheChainAndEveryOrderIsReadFromAnIndex() throws Exception {
		try (ScratchSchema schema = ScratchSchema.of(this.dataSource, "admin").migrate("6")) {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			String table = schema.name() + ".audit_record";
			String head = chain(jdbc, schema.name());

			schema.migrate();

			List<AuditRecord> records = jdbc.query("select " + AuditLog.COLUMNS + " from " + table + " order by seq",
					AuditLog::record);
			assertThat(records).hasSize(RECORDS);
			String previous = AuditChain.GENESIS;
			for (AuditRecord record : records) {
				assertThat(record.previousHash()).as("record %d", record.seq()).isEqualTo(previous);
				assertThat(AuditChain.hash(record)).as("record %d", record.seq()).isEqualTo(record.hash());
				previous = record.hash();
			}
			assertThat(previous).isEqualTo(head);
			jdbc.execute("analyze " + table);

			NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
			for (String sort : List.of("time:desc", "time:asc", "actor:asc", "actor:desc", "action:asc",
					"action:desc")) {
				for (String[] filter : new String[][] { { null, null }, { "admin:user-7", null },
						{ null, "token_created" }, { "admin:user-7", "token_created" } }) {
					AuditQuery first = new AuditQuery(filter[0], filter[1], null, AuditSort.parse(sort), 50);
					AuditQuery later = first.next(records.get(RECORDS / 2));
					for (AuditQuery query : List.of(first, later)) {
						String plan = plan(named, query, table);
						assertThat(plan)
							.as(sort + " " + String.join(",", String.valueOf(filter[0]), String.valueOf(filter[1]))
									+ " after " + query.after() + ":\n" + plan)
							.contains("Index")
							.doesNotContain("Seq Scan");
						assertThat(sorted(plan)).as(sort + ": rows sorted\n" + plan).isLessThanOrEqualTo(MAX_SORTED);
					}
				}
			}
			String actors = String.join("\n",
					jdbc.queryForList("explain " + AuditLog.actorsSql(table, true)
						.replace(":from", "'address:'")
						.replace(":to", "'address;'")
						.replace(":limit", "101"), String.class));
			assertThat(actors).as(actors).contains("audit_record_actor_seq_idx").doesNotContain("Seq Scan");
		}
	}

	/**
	 * Appends the records as V6 holds them, chained, and returns the last hash (the head
	 * row is left alone: these tests do not read it).
	 */
	private static String chain(JdbcTemplate jdbc, String schema) {
		List<Object[]> rows = new ArrayList<>();
		String previous = AuditChain.GENESIS;
		Instant start = Instant.parse("2026-11-01T00:00:00Z");
		for (int seq = 1; seq <= RECORDS; seq++) {
			String actor = (seq % 5 == 0) ? "address:192.0.2." + (seq % 200) : "admin:user-" + (seq % 30);
			String action = AuditController.ACTIONS.get(seq % AuditController.ACTIONS.size());
			AuditRecord record = new AuditRecord(seq, start.plusSeconds(seq), actor, action, "thing:" + seq, null,
					previous, null);
			String hash = AuditChain.hash(record);
			rows.add(new Object[] { seq, Timestamp.from(record.at()), actor, action, record.target(), previous, hash });
			previous = hash;
		}
		jdbc.batchUpdate("insert into " + schema + ".audit_record (seq, at, actor, action, target, detail, "
				+ "prev_hash, hash) values (?, ?, ?, ?, ?, null, ?, ?)", rows);
		return previous;
	}

	/**
	 * @return the most rows a Sort node of the plan expects, 0 without one
	 */
	private static long sorted(String plan) {
		return SORT.matcher(plan).results().mapToLong((m) -> Long.parseLong(m.group(1))).max().orElse(0);
	}

	private static String plan(NamedParameterJdbcTemplate named, AuditQuery query, String table) {
		AuditQuery.Position after = query.after();
		Map<String, Object> params = new HashMap<>();
		params.put("actor", query.actor());
		params.put("action", query.action());
		params.put("text", query.text());
		params.put("afterKey", (after != null) ? after.key() : null);
		params.put("afterSeq", (after != null) ? after.seq() : null);
		params.put("limit", query.limit());
		return String.join("\n", named.queryForList("explain " + AuditLog.pageSql(query, table), params, String.class));
	}

}
