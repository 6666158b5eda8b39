package io.keyward.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of an event to one webhook, as the dead-letter list shows it.
 *
 * @param id the delivery's id, what a replay names
 * @param eventId the event's id (the receivers' idempotency key)
 * @param eventType what happened
 * @param occurredAt when it happened
 * @param webhook the configured webhook's name
 * @param target the webhook's URL, null when the webhook is no longer configured
 * @param status {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param attempts attempts made
 * @param lastError what the last attempt got (an HTTP status or a connection error);
 * receiver-controlled text, escape it where it is shown
 * @param lastAttemptAt when the last attempt was made
 * @param queuedAt when the delivery was queued (the challenge-service received the
 * event); the list's time order
 */
public record WebhookDelivery(long id, UUID eventId, EnrollmentEvent.Type eventType, Instant occurredAt, String webhook,
		String target, String status, int attempts, String lastError, Instant lastAttemptAt, Instant queuedAt) {

	/**
	 * @param replayed how many dead deliveries were put back in the queue
	 */
	public record Replayed(int replayed) {
	}

}
