package io.keyward.challenge.event;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.api.event.EventBatchResult;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The publishers' endpoints ({@link io.keyward.api.event.EventClient}): one event, 202
 * when it is stored, 200 when it was already (a retried POST); or a batch.
 */
@RestController
class EventController {

	private final EventIntake intake;

	EventController(EventIntake intake) {
		this.intake = intake;
	}

	@PostMapping("/internal/v1/events")
	ResponseEntity<Void> publish(@RequestBody EnrollmentEvent event) {
		return this.intake.accept(event) ? ResponseEntity.accepted().build() : ResponseEntity.ok().build();
	}

	/**
	 * The outbox relays' path: up to {@link EventBatch#MAX_EVENTS} events in one
	 * transaction; 200 with how many were new and how many repeated.
	 */
	@PostMapping("/internal/v1/events/batch")
	EventBatchResult publishAll(@RequestBody EventBatch batch) {
		return this.intake.acceptAll(batch);
	}

}
