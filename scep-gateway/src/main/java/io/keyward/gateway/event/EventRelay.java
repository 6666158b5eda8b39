package io.keyward.gateway.event;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.api.event.EventClient;
import io.keyward.edge.log.LogText;
import io.keyward.edge.outbox.OutboxRelay;
import io.keyward.edge.pem.Certificates;
import io.keyward.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the outbox's events to the challenge-service ({@link EventClient}), off the
 * devices' requests: a device's answer never waits for it or fails because of it. A
 * failed attempt is retried with a doubling backoff; the intake is idempotent on the
 * event id, so an attempt whose answer was lost is simply sent again. After
 * {@code max-attempts} the event is given up, logged and counted (the loop is the shared
 * {@link OutboxRelay}).
 */
@Component
class EventRelay implements OutboxRelay.Delivery<EventOutbox.Pending> {

	private final EventClient challengeService;

	private final OutboxRelay<EventOutbox.Pending> relay;

	EventRelay(EventOutbox outbox, EventClient challengeService, GatewayEventProperties properties,
			GatewayProperties gateway, Clock clock, MeterRegistry meters) {
		this.challengeService = challengeService;
		this.relay = new OutboxRelay<>(
				new OutboxRelay.Policy("keyward.gateway.events",
						"enrollment events not yet handed to the challenge-service", gateway.timeout().multipliedBy(3),
						properties.initialBackoff(), properties.maxBackoff(), properties.maxAttempts()),
				outbox, this, clock, meters);
	}

	@Scheduled(initialDelayString = "${keyward.gateway.events.interval:1s}",
			fixedDelayString = "${keyward.gateway.events.interval:1s}")
	void relayDue() {
		this.relay.relayDue();
	}

	@Override
	public void publish(EventOutbox.Pending pending) {
		this.challengeService.publish(event(pending));
	}

	@Override
	public void publishAll(List<EventOutbox.Pending> batch) {
		this.challengeService.publishAll(new EventBatch(batch.stream().map(EventRelay::event).toList()));
	}

	@Override
	public boolean unsendable(EventOutbox.Pending pending) {
		return pending.profile() == null;
	}

	@Override
	public String logKeys(EventOutbox.Pending pending) {
		return "transactionId=" + LogText.token(pending.transactionId());
	}

	static EnrollmentEvent event(EventOutbox.Pending p) {
		EnrollmentEvent.Type type = EnrollmentEvent.Type.valueOf(p.type());
		if (type == EnrollmentEvent.Type.REFUSED || p.certificate() == null) {
			return new EnrollmentEvent(p.id(), type, p.occurredAt(), p.correlationId(), p.profile(), p.transactionId(),
					p.subject(), null, null, null, null, null, p.failInfo(), p.failureReason(), null);
		}
		try {
			X509Certificate certificate = Certificates.read(p.certificate());
			return EnrollmentEvent.ofCertificate(p.id(), type, p.occurredAt(), p.correlationId(), p.profile(),
					p.transactionId(), p.serial(), certificate, null,
					(type == EnrollmentEvent.Type.RENEWED) ? p.renewalOf() : null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("recorded certificate cannot be read", ex);
		}
	}

}
