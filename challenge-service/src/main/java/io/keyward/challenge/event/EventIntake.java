package io.keyward.challenge.event;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.api.event.EventBatchResult;
import io.keyward.edge.log.LogText;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Takes an event from a publisher: stores it with its deliveries ({@link EventStore}),
 * and only after that transaction committed hands it to the in-process listeners (the
 * Intune notifications), so that a listener never sees an event that a rollback then
 * loses. A repeated event is stored and handed on once.
 */
@Component
class EventIntake {

	private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

	private final EventStore store;

	private final ApplicationEventPublisher listeners;

	private final ObjectMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	EventIntake(EventStore store, ApplicationEventPublisher listeners, ObjectMapper json, Clock clock,
			MeterRegistry meters) {
		this.store = store;
		this.listeners = listeners;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @return whether the event was new
	 */
	boolean accept(EnrollmentEvent event) {
		require(event);
		boolean stored = this.store.store(event, this.json.writeValueAsString(event), this.clock.instant());
		if (stored) {
			received(event);
		}
		return stored;
	}

	/**
	 * A publisher's batch: every event checked before any is stored, then all stored in
	 * one transaction, then the new ones handed on.
	 */
	EventBatchResult acceptAll(EventBatch batch) {
		if (batch == null || batch.events() == null || batch.events().isEmpty()) {
			throw new InvalidRequest("a batch needs 'events', one or more");
		}
		if (batch.events().size() > EventBatch.MAX_EVENTS) {
			throw new InvalidRequest(
					"a batch carries at most " + EventBatch.MAX_EVENTS + " events, not " + batch.events().size());
		}
		batch.events().forEach(EventIntake::require);
		List<String> bodies = batch.events().stream().map(this.json::writeValueAsString).toList();
		List<EnrollmentEvent> stored = this.store.storeAll(batch.events(), bodies, this.clock.instant());
		stored.forEach(this::received);
		return new EventBatchResult(stored.size(), batch.events().size() - stored.size());
	}

	private void received(EnrollmentEvent event) {
		this.meters.counter("keyward.events.received", "type", event.type().name()).increment();
		log.info("event=enrollment_event_received id={} type={} serial={} transactionId={}", event.id(), event.type(),
				LogText.token(event.serialNumber()), LogText.token(event.transactionId()));
		this.listeners.publishEvent(event);
	}

	private static void require(EnrollmentEvent event) {
		if (event == null || event.id() == null || event.type() == null || event.occurredAt() == null) {
			throw new InvalidRequest("an event needs an id, a type and occurredAt");
		}
	}

}
