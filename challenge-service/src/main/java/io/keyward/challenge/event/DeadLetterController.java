package io.keyward.challenge.event;

import java.util.List;
import java.util.UUID;

import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryPage;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin-ui's endpoint ({@link io.keyward.api.event.WebhookDeliveryClient}): the
 * dead-letter list and its replay, every delivery filtered and paged, and the deliveries
 * of one enrollment.
 */
@RestController
class DeadLetterController {

	private final DeadLetters deadLetters;

	private final DeliveryListing listing;

	DeadLetterController(DeadLetters deadLetters, DeliveryListing listing) {
		this.deadLetters = deadLetters;
		this.listing = listing;
	}

	/**
	 * @param correlationId when given, every delivery of that enrollment's events, in any
	 * state; else the dead letters
	 */
	@GetMapping("/internal/v1/webhook-deliveries")
	List<WebhookDelivery> list(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String correlationId) {
		if (correlationId != null) {
			UUID id = CorrelationIds.parse(correlationId);
			if (id == null) {
				throw new InvalidRequest("correlationId must be a UUID");
			}
			return this.deadLetters.ofEnrollment(id);
		}
		if (limit < 1 || limit > 500) {
			throw new InvalidRequest("limit must be 1 to 500");
		}
		return this.deadLetters.list(limit);
	}

	/**
	 * Every delivery kept, filtered and in time order, a page at a time
	 * ({@link DeliveryListing}).
	 */
	@GetMapping("/internal/v1/webhook-deliveries/page")
	WebhookDeliveryPage page(@RequestParam(defaultValue = "dead") String state,
			@RequestParam(required = false) String type, @RequestParam(required = false) String webhook,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.listing.page(state, type, webhook, sort, after, limit);
	}

	@PostMapping("/internal/v1/webhook-deliveries/{id}/replay")
	WebhookDelivery.Replayed replay(@PathVariable long id) {
		if (this.deadLetters.replay(id) == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead delivery " + id);
		}
		return new WebhookDelivery.Replayed(1);
	}

	@PostMapping("/internal/v1/webhook-deliveries/replay")
	WebhookDelivery.Replayed replayAll() {
		return new WebhookDelivery.Replayed(this.deadLetters.replayAll());
	}

}
