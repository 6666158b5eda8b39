package io.keyward.challenge.event;

import io.keyward.api.event.EnrollmentEvent;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The publishers' endpoint ({@link io.keyward.api.event.EventClient}): 202 when the event
 * is stored, 200 when it was already (a retried POST).
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

}
