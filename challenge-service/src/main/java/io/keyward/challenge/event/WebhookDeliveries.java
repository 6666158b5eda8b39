package io.keyward.challenge.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery rows: claiming the due ones (several instances share them with
 * {@code FOR UPDATE SKIP LOCKED}, and a claimed row is leased by moving its next attempt
 * past the attempt's timeout, so no transaction stays open during the HTTP call) and
 * recording each attempt's outcome.
 */
@Component
class WebhookDeliveries {

	/** A claimed delivery. */
	record Due(long id, UUID eventId, String type, String webhook, int attempts, String body) {
	}

	private final JdbcClient jdbc;

	WebhookDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Due> claim(Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				with picked as materialized (
				    select id from challenge.webhook_delivery
				     where status = 'PENDING' and next_attempt_at <= :now
				     order by next_attempt_at limit :limit for update skip locked)
				update challenge.webhook_delivery d
				   set next_attempt_at = :leaseUntil, attempts = d.attempts + 1, last_attempt_at = :now
				  from picked, challenge.enrollment_event e
				 where d.id = picked.id and e.id = d.event_id
				returning d.id, d.event_id, e.type, d.webhook, d.attempts, e.body""")
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("limit", limit)
			.query((rs, row) -> new Due(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("type"),
					rs.getString("webhook"), rs.getInt("attempts"), rs.getString("body")))
			.list();
	}

	void delivered(long id, Instant now) {
		this.jdbc.sql("""
				update challenge.webhook_delivery set status = 'DELIVERED', delivered_at = ?, last_error = null
				 where id = ?""").params(Timestamp.from(now), id).update();
	}

	void retryAt(long id, Instant next, String error) {
		this.jdbc.sql("update challenge.webhook_delivery set next_attempt_at = ?, last_error = ? where id = ?")
			.params(Timestamp.from(next), error, id)
			.update();
	}

	void dead(long id, String error) {
		this.jdbc.sql("update challenge.webhook_delivery set status = 'DEAD', last_error = ? where id = ?")
			.params(error, id)
			.update();
	}

	long pending() {
		return this.jdbc.sql("select count(*) from challenge.webhook_delivery where status = 'PENDING'")
			.query(Long.class)
			.single();
	}

	long dead() {
		return this.jdbc.sql("select count(*) from challenge.webhook_delivery where status = 'DEAD'")
			.query(Long.class)
			.single();
	}

	@Nullable String status(long id) {
		return this.jdbc.sql("select status from challenge.webhook_delivery where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
