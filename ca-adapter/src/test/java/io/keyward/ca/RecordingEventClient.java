package io.keyward.ca;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.api.event.EventBatchResult;
import io.keyward.api.event.EventClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The challenge-service's event intake as the ca-adapter's tests see it: records what is
 * published, or fails like an unreachable service while {@link #down} is set. (The intake
 * itself and the HTTP client are tested in the challenge-service and the standalone
 * suite.)
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordingEventClient implements EventClient {

	private final List<EnrollmentEvent> published = new CopyOnWriteArrayList<>();

	private volatile boolean down;

	@Bean
	@Primary
	EventClient recordingEventClient() {
		return this;
	}

	@Override
	public void publish(EnrollmentEvent event) {
		if (this.down) {
			throw new org.springframework.web.client.ResourceAccessException("challenge-service unreachable");
		}
		this.published.add(event);
	}

	@Override
	public EventBatchResult publishAll(EventBatch batch) {
		batch.events().forEach(this::publish);
		return new EventBatchResult(batch.events().size(), 0);
	}

	public void down(boolean down) {
		this.down = down;
	}

	/**
	 * @return the events published for this serial, in order
	 */
	public List<EnrollmentEvent> forSerial(String serial) {
		return this.published.stream().filter((event) -> serial.equals(event.serialNumber())).toList();
	}

}
