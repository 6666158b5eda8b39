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
	 * @return the records the query selects, in its order (by sequence number; the
	 * direction is one of two fixed words, never text from the request)
	 */
	public List<AuditRecord> page(AuditQuery query) {
		return this.jdbc
			.sql("select " + COLUMNS + " from admin.audit_record "
					+ "where (cast(:actor as text) is null or actor = :actor) "
					+ "and (cast(:action as text) is null or action = :action) " + "and (cast(:text as text) is null "
					+ "or strpos(lower(concat_ws(' ', actor, target, detail)), lower(:text)) > 0) "
					+ "and (cast(:before as bigint) is null or seq < :before) "
					+ "and (cast(:after as bigint) is null or seq > :after) order by seq "
					+ (query.oldestFirst() ? "asc" : "desc") + " limit :limit")
			.param("actor", query.actor())
			.param("action", query.action())
			.param("text", query.text())
			.param("before", query.before())
			.param("after", query.after())
			.param("limit", query.limit())
			.query(AuditLog::record)
			.list();
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
