package io.keyward.admin.webhook;

import java.util.List;

import io.keyward.admin.security.Actor;
import io.keyward.api.event.WebhookDelivery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over webhook dead letters: list, replay one, replay all (scope
 * {@code webhooks:manage}).
 */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveriesApiController {

	private final WebhookDeadLetters deadLetters;

	WebhookDeliveriesApiController(WebhookDeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	List<WebhookDelivery> deadLetters(@RequestParam(defaultValue = "100") int limit) {
		return this.deadLetters.list(limit);
	}

	@PostMapping("/{id}/replay")
	WebhookDelivery.Replayed replay(@PathVariable long id) {
		return this.deadLetters.replay(id, Actor.current());
	}

	@PostMapping("/replay")
	WebhookDelivery.Replayed replayAll() {
		return this.deadLetters.replayAll(Actor.current());
	}

}
