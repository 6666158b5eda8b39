package io.keyward.admin.webhook;

import java.util.List;
import java.util.Objects;

import io.keyward.admin.web.KeysetCsv;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryPage;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The webhook deliveries of the page's filter and order as CSV ({@code /webhooks.csv}):
 * the delivery and event ids, event type, when it occurred and was queued, the webhook's
 * name and URL, state, attempts, last attempt and last error. Never the body sent nor a
 * signing secret: the body is the event, and the secret never leaves the
 * challenge-service.
 */
@Controller
class WebhookExportController {

	static final String PATH = "/webhooks.csv";

	private static final int BATCH = 500;

	private final WebhookDeadLetters deliveries;

	WebhookExportController(WebhookDeadLetters deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping(PATH)
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String state,
			@RequestParam(required = false) String type, @RequestParam(required = false) String webhook,
			@RequestParam(required = false) String sort) {
		DeliveryFilter filter = DeliveryFilter.of(state, type, webhook, sort, null);
		return KeysetCsv.of("keyward-webhook-deliveries.csv",
				List.of("id", "event_id", "event_type", "occurred_at", "queued_at", "webhook", "target", "state",
						"attempts", "last_attempt_at", "last_error"),
				batch(filter, null), (after) -> batch(filter, after),
				(WebhookDelivery delivery) -> List.of(String.valueOf(delivery.id()), String.valueOf(delivery.eventId()),
						String.valueOf(delivery.eventType()), String.valueOf(delivery.occurredAt()),
						Objects.toString(delivery.queuedAt(), ""), delivery.webhook(),
						Objects.toString(delivery.target(), ""), delivery.status(), String.valueOf(delivery.attempts()),
						Objects.toString(delivery.lastAttemptAt(), ""), Objects.toString(delivery.lastError(), "")));
	}

	private KeysetCsv.Page<WebhookDelivery> batch(DeliveryFilter filter, String after) {
		WebhookDeliveryPage page = this.deliveries.page(filter, after, BATCH);
		return new KeysetCsv.Page<>(page.items(), (page.next() != null) ? page.next().toString() : null);
	}

}
