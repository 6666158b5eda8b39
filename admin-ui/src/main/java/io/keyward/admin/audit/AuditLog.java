package io.keyward.admin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log's table ({@code admin.audit_record}): appends chained records one writer
 * at a time and reads them back. Never updates or deletes one; the database refuses to as
 * well.
 */
@Component
public class AuditLog {

	static final String COLUMNS = "seq, at, actor, action, target, detail, prev_hash, hash";

	private static final int MAX_ACTOR = 128;

	private static final int MAX_ACTION = 64;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	AuditLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Append one record after the chain's head. The head row stays locked until the
	 * surrounding transaction ends, so concurrent writers queue instead of forking the
	 * chain, and a record whose action rolls back is not left behind.
	 * @return the record as stored
	 */
	@Transactional
	public AuditRecord append(String actor, String action, String target, String detail) {
		Head head = this.jdbc.sql("select seq, hash from admin.audit_head for update").query(Head.class).single();
		AuditRecord unsigned = new AuditRecord(head.seq() + 1, AuditChain.stored(this.clock.instant()),
				cut(actor, MAX_ACTOR), cut(action, MAX_ACTION), (target != null) ? target : "", detail, head.hash(),
				null);
		String hash = AuditChain.hash(unsigned);
		this.jdbc
			.sql("insert into admin.audit_record (" + COLUMNS + ") "
					+ "values (:seq, :at, :actor, :action, :target, :detail, :previousHash, :hash)")
			.param("seq", unsigned.seq())
			.param("at", Timestamp.from(unsigned.at()))
			.param("actor", unsigned.actor())
			.param("action", unsigned.action())
			.param("target", unsigned.target())
			.param("detail", unsigned.detail())
			.param("previousHash", unsigned.previousHash())
			.param("hash", hash)
			.update();
		this.jdbc.sql("update admin.audit_head set seq = :seq, hash = :hash")
			.param("seq", unsigned.seq())
			.param("hash", hash)
			.update();
		this.meters.counter("keyward.audit.records", "action", unsigned.action()).increment();
		return new AuditRecord(unsigned.seq(), unsigned.at(), unsigned.actor(), unsigned.action(), unsigned.target(),
				unsigned.detail(), unsigned.previousHash(), hash);
	}

	/**
	 * @return the records the query selects, in its order (by migration V7's indexes)
	 */
	public List<AuditRecord> page(AuditQuery query) {
		AuditQuery.Position after = query.after();
		return this.jdbc.sql(pageSql(query, "admin.audit_record"))
			.param("actor", query.actor())
			.param("action", query.action())
			.param("text", query.text())
			.param("afterKey", (after != null) ? after.key() : null)
			.param("afterSeq", (after != null) ? after.seq() : null)
			.param("limit", query.limit())
			.query(AuditLog::record)
			.list();
	}

	/**
	 * The page's statement: only the conditions the query uses, each a fixed text with
	 * named parameters (the column and direction come from {@link AuditSort}, never from
	 * the request), so each combination has a plan of its own that reads an index in
	 * order: {@code (key, seq)} after the keyset position, ties by sequence number.
	 * @param table the audit table (another schema's in migration tests)
	 */
	static String pageSql(AuditQuery query, String table) {
		AuditSort sort = query.sort();
		String key = sort.column().sql;
		String direction = sort.descending() ? " desc" : " asc";
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from " + table + " where true");
		if (query.actor() != null) {
			sql.append(" and " + AuditSort.Column.ACTOR.sql + " = :actor");
		}
		if (query.action() != null) {
			sql.append(" and " + AuditSort.Column.ACTION.sql + " = :action");
		}
		if (query.text() != null) {
			sql.append(" and strpos(lower(concat_ws(' ', actor, target, detail)), lower(:text)) > 0");
		}
		if (query.after() != null) {
			String beyond = sort.descending() ? " < " : " > ";
			sql.append((sort.column() == AuditSort.Column.TIME) ? " and seq" + beyond + ":afterSeq"
					: " and (" + key + ", seq)" + beyond + "(cast(:afterKey as text), :afterSeq)");
		}
		sql.append(" order by ")
			.append((sort.column() == AuditSort.Column.TIME) ? "" : key + direction + ", ")
			.append("seq" + direction + " limit :limit");
		return sql.toString();
	}

	/**
	 * The distinct actors in a range, in order, without reading every record: one index
	 * probe per actor on V7's {@code (actor, seq)} index (a loose index scan, as a
	 * recursive query), so the cost grows with the actors returned, not with the log.
	 * @param from the first actor that may be listed (inclusive)
	 * @param to the end of the range (exclusive), null for none
	 * @param limit at most this many
	 */
	public List<String> actors(String from, String to, int limit) {
		return this.jdbc.sql(actorsSql("admin.audit_record", to != null))
			.param("from", from)
			.param("to", to)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	/**
	 * @param table the audit table (another schema's in migration tests)
	 * @param bounded whether the range has an end ({@code :to})
	 */
	static String actorsSql(String table, boolean bounded) {
		String below = bounded ? "and actor collate \"C\" < cast(:to as text)" : "";
		return """
				with recursive actors(actor) as (
				  (select actor collate "C" from %1$s
				   where actor collate "C" >= cast(:from as text) %2$s order by 1 limit 1)
				  union all
				  (select (select r.actor collate "C" from %1$s r
				           where r.actor collate "C" > a.actor %2$s order by 1 limit 1)
				   from actors a where a.actor is not null))
				select actor from actors where actor is not null limit :limit
				""".formatted(table, below);
	}

	/**
	 * @param targets the spellings of one target
	 * @return the records about any of them, oldest first (by audit_record_target_idx)
	 */
	public List<AuditRecord> on(List<String> targets) {
		return this.jdbc.sql("select " + COLUMNS + " from admin.audit_record where target in (:targets) order by seq")
			.param("targets", targets)
			.query(AuditLog::record)
			.list();
	}

	/**
	 * The chain's end as the head row keeps it.
	 */
	record Head(long seq, String hash) {
	}

	Head head() {
		return this.jdbc.sql("select seq, hash from admin.audit_head").query(Head.class).single();
	}

	static AuditRecord record(ResultSet rs, int row) throws SQLException {
		Instant at = rs.getTimestamp("at").toInstant();
		return new AuditRecord(rs.getLong("seq"), at, rs.getString("actor"), rs.getString("action"),
				rs.getString("target"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static String cut(String value, int length) {
		String text = (value != null) ? value : "";
		return (text.length() > length) ? text.substring(0, length) : text;
	}

}
