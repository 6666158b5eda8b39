package io.keyward.challenge.event;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.edge.log.LogText;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due deliveries: on a 2xx the delivery is done; otherwise it is tried again
 * after an exponential backoff with jitter (so that receivers coming back are not hit by
 * every instance at once) until {@code max-attempts}, and then it is a dead letter that
 * an admin replays ({@link DeadLetters}).
 */
@Component
class WebhookDeliverer {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

	private final WebhookDeliveries deliveries;

	private final WebhookSender sender;

	private final WebhookProperties properties;

	private final Clock clock;

	private final SecureRandom jitter = new SecureRandom();

	private final Counter delivered;

	private final Counter failed;

	private final Counter dead;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong deadLetters = new AtomicLong();

	WebhookDeliverer(WebhookDeliveries deliveries, WebhookSender sender, WebhookProperties properties, Clock clock,
			MeterRegistry meters) {
		this.deliveries = deliveries;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
		this.delivered = meters.counter("keyward.webhooks.delivered");
		this.failed = meters.counter("keyward.webhooks.failed");
		this.dead = meters.counter("keyward.webhooks.dead");
		Gauge.builder("keyward.webhooks.pending", this.pending, AtomicLong::get)
			.description("webhook deliveries waiting for their next attempt")
			.register(meters);
		Gauge.builder("keyward.webhooks.dead.letters", this.deadLetters, AtomicLong::get)
			.description("webhook deliveries in the dead-letter list")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${keyward.challenge.webhook-delivery.interval:2s}",
			fixedDelayString = "${keyward.challenge.webhook-delivery.interval:2s}")
	void deliverDue() {
		WebhookProperties.Delivery settings = this.properties.webhookDelivery();
		Instant now = this.clock.instant();
		// leased for longer than one attempt can take, so that another instance does not
		// send it again while this one is still waiting for the answer
		Instant leaseUntil = now.plus(settings.timeout().multipliedBy(3));
		for (WebhookDeliveries.Due due : this.deliveries.claim(now, leaseUntil, settings.batchSize())) {
			attempt(due, settings);
		}
		this.pending.set(this.deliveries.pending());
		this.deadLetters.set(this.deliveries.dead());
	}

	private void attempt(WebhookDeliveries.Due due, WebhookProperties.Delivery settings) {
		WebhookProperties.Webhook webhook = this.properties.webhooks().get(due.webhook());
		String error = (webhook != null) ? this.sender.send(webhook, due.eventId(), due.type(), due.body())
				: "webhook no longer configured";
		if (error == null) {
			this.deliveries.delivered(due.id(), this.clock.instant());
			this.delivered.increment();
			log.info("event=webhook_delivered webhook={} eventId={} type={} attempt={}", LogText.token(due.webhook()),
					due.eventId(), due.type(), due.attempts());
			return;
		}
		this.failed.increment();
		if (webhook == null || due.attempts() >= settings.maxAttempts()) {
			this.deliveries.dead(due.id(), error);
			this.dead.increment();
			log.warn("event=webhook_dead_letter webhook={} eventId={} type={} attempts={} error=\"{}\"",
					LogText.token(due.webhook()), due.eventId(), due.type(), due.attempts(), LogText.printable(error));
			return;
		}
		Duration backoff = backoff(due.attempts(), settings);
		this.deliveries.retryAt(due.id(), this.clock.instant().plus(backoff), error);
		log.info("event=webhook_retry webhook={} eventId={} attempt={} retryIn={} error=\"{}\"",
				LogText.token(due.webhook()), due.eventId(), due.attempts(), backoff, LogText.printable(error));
	}

	/**
	 * initial * 2^(attempt-1), at most max, plus up to 20 % jitter.
	 */
	Duration backoff(int attempt, WebhookProperties.Delivery settings) {
		Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		if (wait.compareTo(settings.maxBackoff()) > 0) {
			wait = settings.maxBackoff();
		}
		long jitterMillis = (long) (wait.toMillis() * 0.2 * this.jitter.nextDouble());
		return wait.plusMillis(jitterMillis);
	}

}
