package io.keyward.api.event;

import java.util.List;

/**
 * Events handed to the challenge-service's intake in one request
 * ({@code POST /internal/v1/events/batch}): at most {@link #MAX_EVENTS}, each stored once
 * by its id, all in one transaction.
 *
 * @param events the events, oldest first
 */
public record EventBatch(List<EnrollmentEvent> events) {

	/** The most events one batch may carry. */
	public static final int MAX_EVENTS = 100;

}
