package io.keyward.gateway.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.outbox.OutboxRelay;
import io.keyward.gateway.transaction.TransactionClaims;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gateway's {@code event_outbox} rows: claimed by one gateway at a time
 * ({@code FOR UPDATE SKIP LOCKED}, then leased by moving the next attempt), read together
 * with the transaction they tell about.
 */
@Component
class EventOutbox implements OutboxRelay.Outbox<EventOutbox.Pending> {

	/** A claimed event with its transaction's columns. */
	record Pending(UUID id, String type, Instant occurredAt, int attempts, String profile, String transactionId,
			String subject, String failInfo, String failureReason, String serial, byte[] certificate, String renewalOf,
			String correlationId) implements OutboxRelay.Pending {
	}

	private final JdbcClient jdbc;

	EventOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Pending> claim(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				with picked as materialized (
				    select id from event_outbox where next_attempt_at <= :now
				     order by next_attempt_at limit :limit for update skip locked),
				due as (
				    update event_outbox o set next_attempt_at = :leaseUntil, attempts = o.attempts + 1
				      from picked where o.id = picked.id
				    returning o.id, o.type, o.occurred_at, o.attempts, o.transaction_row)
				select due.id, due.type, due.occurred_at, due.attempts, t.profile, t.transaction_id, t.subject,
				       t.fail_info, t.failure_reason, t.certificate_serial, t.certificate, t.renewal_of,
				       t.correlation_id
				  from due left join transaction t on t.id = due.transaction_row""")
			.param("now", TransactionClaims.utc(now))
			.param("leaseUntil", TransactionClaims.utc(leaseUntil))
			.param("limit", limit)
			.query((rs, row) -> new Pending(rs.getObject("id", UUID.class), rs.getString("type"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getInt("attempts"), rs.getString("profile"),
					rs.getString("transaction_id"), rs.getString("subject"), rs.getString("fail_info"),
					rs.getString("failure_reason"), SerialNumbers.hex(rs.getString("certificate_serial")),
					rs.getBytes("certificate"), SerialNumbers.hex(rs.getString("renewal_of")),
					rs.getString("correlation_id")))
			.list();
	}

	@Override
	public void done(UUID id) {
		this.jdbc.sql("delete from event_outbox where id = ?").param(id).update();
	}

	@Override
	public void doneAll(List<UUID> ids) {
		this.jdbc.sql("delete from event_outbox where id = any(?)").param(ids.toArray(UUID[]::new)).update();
	}

	@Override
	public void retryAt(UUID id, Instant next, String error) {
		this.jdbc.sql("update event_outbox set next_attempt_at = ?, last_error = ? where id = ?")
			.params(TransactionClaims.utc(next), error, id)
			.update();
	}

	@Override
	public long size() {
		return this.jdbc.sql("select count(*) from event_outbox").query(Long.class).single();
	}

}
