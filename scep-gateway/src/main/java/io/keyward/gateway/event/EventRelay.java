package io.keyward.gateway.event;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventClient;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.GatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox's events to the challenge-service ({@link EventClient}), off the
 * devices' requests: a device's answer never waits for it or fails because of it. A
 * failed attempt is retried with a doubling backoff; the intake is idempotent on the
 * event id, so an attempt whose answer was lost is simply sent again. After
 * {@code max-attempts} the event is given up, logged and counted.
 */
@Component
class EventRelay {

	private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

	private static final int BATCH = 50;

	private final EventOutbox outbox;

	private final EventClient challengeService;

	private final GatewayEventProperties properties;

	private final Duration lease;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AtomicLong queued = new AtomicLong();

	EventRelay(EventOutbox outbox, EventClient challengeService, GatewayEventProperties properties,
			GatewayProperties gateway, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.challengeService = challengeService;
		this.properties = properties;
		this.lease = gateway.timeout().multipliedBy(3);
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("keyward.gateway.events.queued", this.queued, AtomicLong::get)
			.description("enrollment events not yet handed to the challenge-service")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${keyward.gateway.events.interval:1s}",
			fixedDelayString = "${keyward.gateway.events.interval:1s}")
	void relayDue() {
		Instant now = this.clock.instant();
		for (EventOutbox.Pending pending : this.outbox.claim(now, now.plus(this.lease), BATCH)) {
			relay(pending);
		}
		this.queued.set(this.outbox.size());
	}

	private void relay(EventOutbox.Pending pending) {
		try {
			this.challengeService.publish(event(pending));
			this.outbox.done(pending.id());
			this.meters.counter("keyward.gateway.events.published", "type", pending.type()).increment();
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getSimpleName() + ": " + LogText.printable(ex.getMessage());
			if (pending.attempts() >= this.properties.maxAttempts() || pending.profile() == null) {
				this.outbox.done(pending.id());
				this.meters.counter("keyward.gateway.events.publish.failed", "type", pending.type()).increment();
				log.error("event=event_publish_failed eventId={} type={} transactionId={} attempts={} error=\"{}\"",
						pending.id(), pending.type(), LogText.token(pending.transactionId()), pending.attempts(),
						error);
				return;
			}
			Duration wait = this.properties.initialBackoff().multipliedBy(1L << Math.min(pending.attempts() - 1, 20));
			Instant next = this.clock.instant()
				.plus((wait.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : wait);
			this.outbox.retryAt(pending.id(), next, error);
			log.warn("event=event_publish_retry eventId={} type={} attempts={} nextAttemptAt={} error=\"{}\"",
					pending.id(), pending.type(), pending.attempts(), next, error);
		}
	}

	static EnrollmentEvent event(EventOutbox.Pending p) {
		EnrollmentEvent.Type type = EnrollmentEvent.Type.valueOf(p.type());
		if (type == EnrollmentEvent.Type.REFUSED || p.certificate() == null) {
			return new EnrollmentEvent(p.id(), type, p.occurredAt(), null, p.profile(), p.transactionId(), p.subject(),
					null, null, null, null, null, p.failInfo(), p.failureReason(), null);
		}
		try {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(p.certificate()));
			return EnrollmentEvent.ofCertificate(p.id(), type, p.occurredAt(), p.profile(), p.transactionId(),
					p.serial(), certificate, null, (type == EnrollmentEvent.Type.RENEWED) ? p.renewalOf() : null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("recorded certificate cannot be read", ex);
		}
	}

}
