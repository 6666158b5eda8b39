package io.keyward.admin.certificate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Upstream;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.challenge.ChallengeLife;
import io.keyward.api.challenge.ChallengeLifeClient;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryClient;

import org.springframework.stereotype.Component;

/**
 * The rest of a certificate's life for its detail page, by its correlation id: the
 * challenge that enrolled it (minted, refused attempts, redeemed, expired), the other
 * certificates of the enrollment and the renewals that replaced it (followed by serial),
 * and the webhook notifications of its events. Each service is asked over its own API;
 * one that cannot answer leaves a line saying so instead of failing the page.
 */
@Component
class EnrollmentTrail {

	/** The most renewals followed. */
	static final int MAX_RENEWALS = 50;

	private final ChallengeLifeClient challenges;

	private final CertificateAuthorityClient ca;

	private final WebhookDeliveryClient deliveries;

	EnrollmentTrail(ChallengeLifeClient challenges, CertificateAuthorityClient ca, WebhookDeliveryClient deliveries) {
		this.challenges = challenges;
		this.ca = ca;
		this.deliveries = deliveries;
	}

	List<CertificateEvent> of(IssuedCertificate certificate) {
		List<CertificateEvent> events = new ArrayList<>();
		String id = certificate.correlationId();
		if (id != null) {
			ask("challenge-service", () -> this.challenges.life(id), events)
				.ifPresent((life) -> challenge(life, events));
			ask("ca-adapter", () -> this.ca.correlated(id), events).ifPresent((others) -> others.stream()
				.filter((other) -> !other.serialNumber().equals(certificate.serialNumber()))
				.forEach((other) -> events.add(CertificateEvent.of(other.issuedAt(),
						"Certificate " + other.serialNumber() + " issued in the same enrollment", "",
						"status " + other.status()))));
			ask("challenge-service", () -> this.deliveries.ofEnrollment(id), events)
				.ifPresent((sent) -> sent.forEach((delivery) -> events.add(notification(delivery))));
		}
		renewals(certificate, events);
		return events;
	}

	private static void challenge(ChallengeLife life, List<CertificateEvent> events) {
		for (ChallengeLife.Event event : (life.events() != null) ? life.events() : List.<ChallengeLife.Event>of()) {
			switch (event.type()) {
				case "MINTED" -> events.add(CertificateEvent.of(event.occurredAt(), "Challenge minted",
						orEmpty(life.mintedBy()), "profile " + life.profile() + ", template " + life.template()));
				case "REFUSED" -> events.add(CertificateEvent.of(event.occurredAt(), "Challenge attempt refused", "",
						"transactionID " + orEmpty(event.transactionId()) + ": " + orEmpty(event.reason())));
				case "REDEEMED" -> events.add(CertificateEvent.of(event.occurredAt(), "Challenge redeemed", "",
						"transactionID " + orEmpty(event.transactionId())));
				case "RELEASED" ->
					events.add(CertificateEvent.of(event.occurredAt(), "Challenge given back: the CA refused the CSR",
							"", "transactionID " + orEmpty(event.transactionId()) + ": " + orEmpty(event.reason())));
				case "ISSUED" -> {
					// the certificate's own "Issued" line says it
				}
				default -> events.add(CertificateEvent.of(event.occurredAt(), "Challenge " + event.type(), "", ""));
			}
		}
	}

	private void renewals(IssuedCertificate certificate, List<CertificateEvent> events) {
		Set<String> seen = new HashSet<>(Set.of(certificate.serialNumber()));
		String next = certificate.replacedBy();
		while (next != null && seen.add(next) && seen.size() <= MAX_RENEWALS) {
			String serial = next;
			Optional<IssuedCertificate> renewal = ask("ca-adapter", () -> this.ca.certificate(serial), events);
			if (renewal.isEmpty()) {
				return;
			}
			events.add(CertificateEvent.of(renewal.get().issuedAt(), "Renewed: certificate " + serial + " issued", "",
					"status " + renewal.get().status()));
			next = renewal.get().replacedBy();
		}
	}

	private static CertificateEvent notification(WebhookDelivery delivery) {
		return CertificateEvent.of(delivery.occurredAt(),
				"Notification " + delivery.eventType() + " to webhook " + delivery.webhook(), "",
				delivery.status() + " after " + delivery.attempts() + " attempt(s)"
						+ ((delivery.lastError() != null) ? ", last error: " + delivery.lastError() : ""));
	}

	private static <T> Optional<T> ask(String service, Supplier<T> call, List<CertificateEvent> events) {
		try {
			return Optional.ofNullable(Upstream.call(service, call));
		}
		catch (ApiProblem ex) {
			if (ex.status().value() != 404) {
				events.add(CertificateEvent.of(null, "History incomplete", "", ex.getMessage()));
			}
			return Optional.empty();
		}
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
