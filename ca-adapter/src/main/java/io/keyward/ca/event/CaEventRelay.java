package io.keyward.ca.event;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox's REVOKED and EXPIRING events to the challenge-service, retried with a
 * doubling backoff (the intake is idempotent on the event id) and given up after
 * {@code max-attempts}, logged {@code event=event_publish_failed} and counted.
 */
@Component
class CaEventRelay {

	private static final Logger log = LoggerFactory.getLogger(CaEventRelay.class);

	private static final int BATCH = 50;

	private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(5);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	private final CaEventOutbox outbox;

	private final EventClient challengeService;

	private final CaEventProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AtomicLong queued = new AtomicLong();

	CaEventRelay(CaEventOutbox outbox, EventClient challengeService, CaEventProperties properties, Clock clock,
			MeterRegistry meters) {
		this.outbox = outbox;
		this.challengeService = challengeService;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("keyward.ca.events.queued", this.queued, AtomicLong::get)
			.description("revocation and expiry events not yet handed to the challenge-service")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${keyward.ca.events.interval:2s}",
			fixedDelayString = "${keyward.ca.events.interval:2s}")
	void relayDue() {
		Instant now = this.clock.instant();
		for (CaEventOutbox.Pending pending : this.outbox.claim(now, now.plus(this.properties.timeout().multipliedBy(3)),
				BATCH)) {
			relay(pending);
		}
		this.queued.set(this.outbox.size());
	}

	private void relay(CaEventOutbox.Pending pending) {
		try {
			this.challengeService.publish(event(pending));
			this.outbox.done(pending.id());
			this.meters.counter("keyward.ca.events.published", "type", pending.type()).increment();
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getSimpleName() + ": " + LogText.printable(ex.getMessage());
			if (pending.attempts() >= this.properties.maxAttempts() || pending.pem() == null) {
				this.outbox.done(pending.id());
				this.meters.counter("keyward.ca.events.publish.failed", "type", pending.type()).increment();
				log.error("event=event_publish_failed eventId={} type={} serial={} attempts={} error=\"{}\"",
						pending.id(), pending.type(), LogText.token(pending.serial()), pending.attempts(), error);
				return;
			}
			Duration wait = INITIAL_BACKOFF.multipliedBy(1L << Math.min(pending.attempts() - 1, 20));
			Instant next = this.clock.instant().plus((wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait);
			this.outbox.retryAt(pending.id(), next, error);
			log.warn("event=event_publish_retry eventId={} type={} attempts={} nextAttemptAt={} error=\"{}\"",
					pending.id(), pending.type(), pending.attempts(), next, error);
		}
	}

	static EnrollmentEvent event(CaEventOutbox.Pending p) {
		try {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(p.pem().getBytes(StandardCharsets.US_ASCII)));
			EnrollmentEvent.Type type = EnrollmentEvent.Type.valueOf(p.type());
			return EnrollmentEvent.ofCertificate(p.id(), type, p.occurredAt(), p.profile(), p.transactionId(),
					p.serial(), certificate, (type == EnrollmentEvent.Type.REVOKED) ? p.revocationReason() : null,
					null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored certificate cannot be read", ex);
		}
	}

}
