package io.keyward.challenge.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.WebhookDelivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deliveries that used up their attempts, and their replay: a replayed delivery is
 * PENDING again, due now, with its attempts counted from zero.
 */
@Component
class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	static final String SELECT = """
			select d.id, d.event_id, e.type, e.occurred_at, d.webhook, d.status, d.attempts, d.last_error,
			       d.last_attempt_at, e.received_at
			  from challenge.webhook_delivery d join challenge.enrollment_event e on e.id = d.event_id""";

	private final JdbcClient jdbc;

	private final WebhookProperties properties;

	private final Clock clock;

	DeadLetters(JdbcClient jdbc, WebhookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	List<WebhookDelivery> list(int limit) {
		return this.jdbc.sql(SELECT + " where d.status = 'DEAD' order by d.id desc limit ?")
			.param(limit)
			.query(this::delivery)
			.list();
	}

	/**
	 * Every delivery, in any state, of the events of one enrollment (issue 14: an
	 * enrollment's page shows its notifications).
	 */
	List<WebhookDelivery> ofEnrollment(UUID correlationId) {
		return this.jdbc
			.sql(SELECT
					+ " where e.correlation_id = ? order by e.occurred_at, e.received_at, e.id, d.webhook limit 500")
			.param(correlationId)
			.query(this::delivery)
			.list();
	}

	WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
		String webhook = rs.getString("webhook");
		WebhookProperties.Webhook configured = this.properties.webhooks().get(webhook);
		Timestamp lastAttempt = rs.getTimestamp("last_attempt_at");
		return new WebhookDelivery(rs.getLong("id"), rs.getObject("event_id", UUID.class),
				EnrollmentEvent.Type.valueOf(rs.getString("type")), rs.getTimestamp("occurred_at").toInstant(), webhook,
				(configured != null) ? configured.url().toString() : null, rs.getString("status"),
				rs.getInt("attempts"), rs.getString("last_error"),
				(lastAttempt != null) ? lastAttempt.toInstant() : null, rs.getTimestamp("received_at").toInstant());
	}

	/**
	 * @return 1 if the delivery was dead and is queued again, 0 if it is not dead
	 */
	int replay(long id) {
		int replayed = this.jdbc.sql("""
				update challenge.webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?
				 where id = ? and status = 'DEAD'""").params(Timestamp.from(this.clock.instant()), id).update();
		log.info("event=webhook_replayed delivery={} replayed={}", id, replayed);
		return replayed;
	}

	int replayAll() {
		int replayed = this.jdbc.sql("""
				update challenge.webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?
				 where status = 'DEAD'""").params(Timestamp.from(this.clock.instant())).update();
		log.info("event=webhook_replayed delivery=all replayed={}", replayed);
		return replayed;
	}

}
