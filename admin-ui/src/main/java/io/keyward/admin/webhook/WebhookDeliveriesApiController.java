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
 * The admin API over webhook deliveries: list them (dead letters by default, filtered and
 * paged as the page does), replay one, replay all (scope {@code webhooks:manage}).
 */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveriesApiController {

	private final WebhookDeadLetters deadLetters;

	WebhookDeliveriesApiController(WebhookDeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	/**
	 * The dead letters, newest first, unless {@code state} (dead, pending, delivered,
	 * all), {@code type}, {@code webhook} or {@code sort} ({@code time:asc}) say
	 * otherwise; the next page starts {@code after} the last id of this one.
	 */
	@GetMapping
	List<WebhookDelivery> deliveries(@RequestParam(required = false) String state,
			@RequestParam(required = false) String type, @RequestParam(required = false) String webhook,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		DeliveryFilter filter = DeliveryFilter.of(state, type, webhook, sort, after);
		return this.deadLetters.page(filter, (after != null && !after.isBlank()) ? after.strip() : null, limit).items();
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
