package io.keyward.ca.event;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.api.event.EventClient;
import io.keyward.edge.log.LogText;
import io.keyward.edge.outbox.OutboxRelay;
import io.keyward.edge.pem.CertificatePem;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox's REVOKED and EXPIRING events to the challenge-service, retried with a
 * doubling backoff (the intake is idempotent on the event id) and given up after
 * {@code max-attempts}, logged {@code event=event_publish_failed} and counted (the loop
 * is the shared {@link OutboxRelay}).
 */
@Component
class CaEventRelay implements OutboxRelay.Delivery<CaEventOutbox.Pending> {

	private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(5);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	private final EventClient challengeService;

	private final OutboxRelay<CaEventOutbox.Pending> relay;

	CaEventRelay(CaEventOutbox outbox, EventClient challengeService, CaEventProperties properties, Clock clock,
			MeterRegistry meters) {
		this.challengeService = challengeService;
		this.relay = new OutboxRelay<>(
				new OutboxRelay.Policy("keyward.ca.events",
						"revocation and expiry events not yet handed to the challenge-service",
						properties.timeout().multipliedBy(3), INITIAL_BACKOFF, MAX_BACKOFF, properties.maxAttempts()),
				outbox, this, clock, meters);
	}

	@Scheduled(initialDelayString = "${keyward.ca.events.interval:2s}",
			fixedDelayString = "${keyward.ca.events.interval:2s}")
	void relayDue() {
		this.relay.relayDue();
	}

	@Override
	public void publish(CaEventOutbox.Pending pending) {
		this.challengeService.publish(event(pending));
	}

	@Override
	public void publishAll(List<CaEventOutbox.Pending> batch) {
		this.challengeService.publishAll(new EventBatch(batch.stream().map(CaEventRelay::event).toList()));
	}

	@Override
	public boolean unsendable(CaEventOutbox.Pending pending) {
		return pending.pem() == null;
	}

	@Override
	public String logKeys(CaEventOutbox.Pending pending) {
		return "serial=" + LogText.token(pending.serial());
	}

	static EnrollmentEvent event(CaEventOutbox.Pending p) {
		X509Certificate certificate = CertificatePem.parse(p.pem());
		EnrollmentEvent.Type type = EnrollmentEvent.Type.valueOf(p.type());
		return EnrollmentEvent.ofCertificate(p.id(), type, p.occurredAt(), p.correlationId(), p.profile(),
				p.transactionId(), p.serial(), certificate,
				(type == EnrollmentEvent.Type.REVOKED) ? p.revocationReason() : null, null);
	}

}
