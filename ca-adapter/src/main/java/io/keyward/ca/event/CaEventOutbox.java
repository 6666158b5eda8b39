package io.keyward.ca.event;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.outbox.OutboxRelay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ca-adapter's {@code event_outbox}: written in the same transaction as what it tells
 * about, claimed by one instance at a time ({@code FOR UPDATE SKIP LOCKED}, then leased),
 * read with the certificate's columns.
 */
@Component
public class CaEventOutbox implements OutboxRelay.Outbox<CaEventOutbox.Pending> {

	/** A claimed event and its certificate. */
	record Pending(UUID id, String type, Instant occurredAt, int attempts, String serial, String pem, String profile,
			String transactionId, String revocationReason, String correlationId) implements OutboxRelay.Pending {
	}

	private final JdbcClient jdbc;

	CaEventOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A REVOKED event for the certificate with this serial; call it inside the
	 * revocation's transaction.
	 */
	public void revoked(String serial, Instant revokedAt) {
		this.jdbc.sql("""
				insert into ca.event_outbox (id, certificate_id, type, occurred_at, next_attempt_at)
				select gen_random_uuid(), id, 'REVOKED', :at, :at from ca.certificate where serial = :serial""")
			.param("at", utc(revokedAt))
			.param("serial", serial)
			.update();
	}

	/**
	 * Marks the unrevoked certificates that end within {@code warning} (and have not
	 * ended) as warned and writes their EXPIRING events, in one statement: of several
	 * instances scanning at once, each certificate is taken by exactly one.
	 * @return how many certificates were announced
	 */
	int expiring(Instant now, Duration warning, int limit) {
		return this.jdbc.sql("""
				with picked as materialized (
				    select id from ca.certificate
				     where expiry_warned_at is null and revoked_at is null
				       and not_after > :now and not_after <= :horizon
				     order by not_after limit :limit for update skip locked),
				due as (
				    update ca.certificate c set expiry_warned_at = :now
				      from picked where c.id = picked.id
				    returning c.id)
				insert into ca.event_outbox (id, certificate_id, type, occurred_at, next_attempt_at)
				select gen_random_uuid(), id, 'EXPIRING', :now, :now from due""")
			.param("now", utc(now))
			.param("horizon", utc(now.plus(warning)))
			.param("limit", limit)
			.update();
	}

	@Override
	public List<Pending> claim(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				with picked as materialized (
				    select id from ca.event_outbox where next_attempt_at <= :now
				     order by next_attempt_at limit :limit for update skip locked),
				due as (
				    update ca.event_outbox o set next_attempt_at = :leaseUntil, attempts = o.attempts + 1
				      from picked where o.id = picked.id
				    returning o.id, o.type, o.occurred_at, o.attempts, o.certificate_id)
				select due.id, due.type, due.occurred_at, due.attempts, c.serial, c.pem, c.profile, c.transaction_id,
				       c.revocation_reason, c.correlation_id
				  from due left join ca.certificate c on c.id = due.certificate_id""")
			.param("now", utc(now))
			.param("leaseUntil", utc(leaseUntil))
			.param("limit", limit)
			.query((rs, row) -> new Pending(rs.getObject("id", UUID.class), rs.getString("type"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getInt("attempts"),
					SerialNumbers.hex(rs.getString("serial")), rs.getString("pem"), rs.getString("profile"),
					rs.getString("transaction_id"), rs.getString("revocation_reason"), rs.getString("correlation_id")))
			.list();
	}

	@Override
	public void done(UUID id) {
		this.jdbc.sql("delete from ca.event_outbox where id = ?").param(id).update();
	}

	@Override
	public void doneAll(List<UUID> ids) {
		this.jdbc.sql("delete from ca.event_outbox where id = any(?)").param(ids.toArray(UUID[]::new)).update();
	}

	@Override
	public void retryAt(UUID id, Instant next, String error) {
		this.jdbc.sql("update ca.event_outbox set next_attempt_at = ?, last_error = ? where id = ?")
			.params(utc(next), error, id)
			.update();
	}

	@Override
	public long size() {
		return this.jdbc.sql("select count(*) from ca.event_outbox").query(Long.class).single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
