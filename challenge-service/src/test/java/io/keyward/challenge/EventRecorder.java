package io.keyward.challenge;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.keyward.api.event.EnrollmentEvent;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * An in-process listener as the Intune notifications are one: records every
 * {@link EnrollmentEvent} the challenge-service hands to its listeners.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventRecorder {

	private final List<EnrollmentEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(EnrollmentEvent event) {
		this.events.add(event);
	}

	/**
	 * @return how often the event with this id was handed to listeners
	 */
	public long count(UUID id) {
		return this.events.stream().filter((event) -> event.id().equals(id)).count();
	}

}
