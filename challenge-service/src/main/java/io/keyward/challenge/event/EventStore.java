package io.keyward.challenge.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.edge.log.CorrelationIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: each event once (by its id), with one PENDING delivery per webhook that
 * wants its type, written in one transaction so that an event is never stored without its
 * deliveries.
 */
@Component
class EventStore {

	private final JdbcClient jdbc;

	private final WebhookProperties properties;

	EventStore(JdbcClient jdbc, WebhookProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * @param body the JSON sent to the webhooks
	 * @return whether the event is new (false: an earlier POST stored it)
	 */
	@Transactional
	boolean store(EnrollmentEvent event, String body, Instant now) {
		return insert(event, body, now);
	}

	/**
	 * Several events in one transaction (a publisher's batch).
	 * @param bodies the JSON of each event, in the order of {@code events}
	 * @return the events that were new, in their order
	 */
	@Transactional
	List<EnrollmentEvent> storeAll(List<EnrollmentEvent> events, List<String> bodies, Instant now) {
		List<EnrollmentEvent> stored = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			if (insert(events.get(i), bodies.get(i), now)) {
				stored.add(events.get(i));
			}
		}
		return stored;
	}

	private boolean insert(EnrollmentEvent event, String body, Instant now) {
		int inserted = this.jdbc.sql("""
				insert into challenge.enrollment_event (id, type, occurred_at, body, received_at, correlation_id)
				values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
			.params(event.id(), event.type().name(), Timestamp.from(event.occurredAt()), body, Timestamp.from(now),
					CorrelationIds.parse(event.correlationId()))
			.update();
		if (inserted == 0) {
			return false;
		}
		this.properties.webhooks().forEach((name, webhook) -> {
			if (webhook.wants(event.type())) {
				this.jdbc.sql("""
						insert into challenge.webhook_delivery (event_id, webhook, status, next_attempt_at)
						values (?, ?, 'PENDING', ?)""").params(event.id(), name, Timestamp.from(now)).update();
			}
		});
		return true;
	}

}
