package io.keyward.api.event;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The challenge-service's dead-letter list of webhook deliveries, for the admin-ui (scope
 * {@code events:manage}). A replay puts a dead delivery back in the queue with its
 * attempts reset; the receiver gets the same event id again.
 */
@HttpExchange("/internal/v1/webhook-deliveries")
public interface WebhookDeliveryClient {

	/**
	 * @param limit at most this many, newest first (1 to 500)
	 */
	@GetExchange
	List<WebhookDelivery> deadLetters(@RequestParam int limit);

	/**
	 * @param correlationId an enrollment's correlation id
	 * @return every delivery of that enrollment's events, in any state, oldest first
	 */
	@GetExchange
	List<WebhookDelivery> ofEnrollment(@RequestParam String correlationId);

	/**
	 * @param state {@code dead}, {@code pending}, {@code delivered} or {@code all}
	 * @param type only this event type ({@link EnrollmentEvent.Type}), null for all
	 * @param webhook only the deliveries to this configured webhook, null for all
	 * @param sort {@code time:desc} (newest queued first, the default) or
	 * {@code time:asc}
	 * @param after the previous page's {@code next}, null for the first page
	 * @param limit 1 to 500
	 */
	@GetExchange("/page")
	WebhookDeliveryPage page(@RequestParam String state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String webhook, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam int limit);

	@PostExchange("/{id}/replay")
	WebhookDelivery.Replayed replay(@PathVariable long id);

	@PostExchange("/replay")
	WebhookDelivery.Replayed replayAll();

}
