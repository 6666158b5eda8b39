package io.keyward.challenge.webhook;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code keyward.challenge.webhook.calls}: the latency of each call to an operator's
 * webhook as a histogram, by {@code kind} ({@code validation}: a challenge webhook asked
 * on the redemption path; {@code delivery}: an event webhook) and {@code outcome}
 * ({@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx} or {@code error} when no answer
 * came). The webhook's URL is never a tag: it is the operator's, and may carry a secret.
 */
public final class WebhookCalls {

	/** A challenge webhook asked on the redemption path. */
	public static final String VALIDATION = "validation";

	/** An event webhook sent an enrollment, revocation or expiry event. */
	public static final String DELIVERY = "delivery";

	private WebhookCalls() {
	}

	/**
	 * @param meters where the timer lives
	 * @param kind {@link #VALIDATION} or {@link #DELIVERY}
	 * @param status the receiver's HTTP status, or 0 when it did not answer
	 * @param started {@code System.nanoTime()} before the call
	 */
	public static void record(MeterRegistry meters, String kind, int status, long started) {
		timer(meters, kind, (status > 0) ? (status / 100) + "xx" : "error")
			.record(Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * The timer of one kind and outcome; registered at start with {@code 2xx} so that a
	 * scrape names the series before the first call.
	 */
	public static Timer timer(MeterRegistry meters, String kind, String outcome) {
		return Timer.builder("keyward.challenge.webhook.calls")
			.description("calls to webhooks, from the request sent to the answer read")
			.tags("kind", kind, "outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

}
