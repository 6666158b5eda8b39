package io.keyward.challenge.life;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.edge.log.CorrelationIds;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Completes a challenge's life with the certificate issued for it: the gateway's
 * {@link EnrollmentEvent} ISSUED, handed to the challenge-service's listeners in-process
 * by the events intake, names the serial under the challenge's correlation id. Events
 * under an id no challenge has (a renewal's) are left alone.
 */
@Component
class IssuedCertificateListener {

	private static final Logger log = LoggerFactory.getLogger(IssuedCertificateListener.class);

	private final ChallengeEvents events;

	IssuedCertificateListener(ChallengeEvents events) {
		this.events = events;
	}

	@EventListener
	void on(EnrollmentEvent event) {
		if (event.type() != EnrollmentEvent.Type.ISSUED || event.serialNumber() == null) {
			return;
		}
		UUID correlationId = CorrelationIds.parse(event.correlationId());
		if (correlationId == null) {
			return;
		}
		if (this.events.issued(correlationId, event.serialNumber(), event.occurredAt())) {
			try (CorrelationIds.Scope scope = CorrelationIds.inMdc(correlationId.toString())) {
				log.info("event=challenge_certificate_recorded serial={}", event.serialNumber());
			}
		}
	}

}
