package io.keyward.api.event;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The challenge-service's event intake, called by the scep-gateway and the ca-adapter
 * with their service tokens (scope {@code events:publish}). Idempotent on
 * {@link EnrollmentEvent#id()}: a publisher that is not sure its POST arrived sends it
 * again.
 */
@HttpExchange("/internal/v1/events")
public interface EventClient {

	@PostExchange
	void publish(@RequestBody EnrollmentEvent event);

	/**
	 * Several events in one request, stored in one transaction (the outbox relays' path);
	 * idempotent on each event's id like {@link #publish}.
	 */
	@PostExchange("/batch")
	EventBatchResult publishAll(@RequestBody EventBatch batch);

}
