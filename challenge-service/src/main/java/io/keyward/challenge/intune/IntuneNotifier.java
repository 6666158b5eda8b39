package io.keyward.challenge.intune;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.api.event.EnrollmentEvent;
import io.keyward.edge.log.LogText;

import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;

/**
 * Reports the outcome of each request Intune validated: {@code successNotification} for
 * an issued certificate, {@code failureNotification} for a request refused after
 * validation (the CA's policy, a signing error), so the Intune console shows the device's
 * state. The outcome arrives as an {@link EnrollmentEvent}; each report runs on the task
 * executor, so the event's publisher does not wait for Intune, and is tried a bounded
 * number of times with a doubling backoff.
 * <p>
 * The connector library treats a failed success notification as "do not issue" and
 * Microsoft's test matrix expects no certificate after a 500 on it. The certificate
 * exists by then, so when every attempt failed it is revoked at once
 * ({@code cessationOfOperation}): the device holds nothing usable that Intune does not
 * know of.
 */
class IntuneNotifier {

	private static final Logger log = LoggerFactory.getLogger(IntuneNotifier.class);

	static final String REVOCATION_REASON = "cessationOfOperation";

	private final IntuneScepService intune;

	private final ValidatedRequests validated;

	private final CertificateAuthorityClient certificateAuthority;

	private final TaskExecutor executor;

	private final IntuneProperties properties;

	private final MeterRegistry meters;

	IntuneNotifier(IntuneScepService intune, ValidatedRequests validated,
			CertificateAuthorityClient certificateAuthority, TaskExecutor executor, IntuneProperties properties,
			MeterRegistry meters) {
		this.intune = intune;
		this.validated = validated;
		this.certificateAuthority = certificateAuthority;
		this.executor = executor;
		this.properties = properties;
		this.meters = meters;
	}

	@EventListener
	void on(EnrollmentEvent event) {
		if (event.transactionId() == null
				|| (event.type() != EnrollmentEvent.Type.ISSUED && event.type() != EnrollmentEvent.Type.REFUSED)) {
			return;
		}
		this.validated.take(event.transactionId())
			.ifPresent((request) -> this.executor.execute(() -> report(request, event)));
	}

	private void report(ValidatedRequests.Validated request, EnrollmentEvent event) {
		boolean issued = event.type() == EnrollmentEvent.Type.ISSUED;
		String kind = issued ? "success" : "failure";
		boolean delivered = attempt(kind, event,
				issued ? () -> this.intune.succeeded(request.csr(), event)
						: () -> this.intune.failed(request.transactionId(), request.csr(),
								(event.reason() != null) ? event.reason() : "refused after validation"));
		this.meters
			.counter("keyward.challenge.intune.notifications", "kind", kind, "outcome",
					delivered ? "delivered" : "failed")
			.increment();
		if (!delivered && issued && event.serialNumber() != null) {
			revoke(event);
		}
	}

	private boolean attempt(String kind, EnrollmentEvent event, Supplier<IntuneScepService.Verdict> call) {
		Duration backoff = this.properties.notificationBackoff();
		for (int attempt = 1; attempt <= this.properties.notificationAttempts(); attempt++) {
			try {
				IntuneScepService.Verdict verdict = call.get();
				log.info("event=intune_notified kind={} transactionId={} code={} attempt={}", kind,
						LogText.token(event.transactionId()), LogText.token(verdict.code()), attempt);
				// an answer ends the attempts; a success notification counts only when
				// Intune
				// accepted it (the connector library throws on any other code)
				return verdict.success() || !"success".equals(kind);
			}
			catch (IntuneUnavailableException ex) {
				log.warn("event=intune_notification_failed kind={} transactionId={} attempt={} cause={}", kind,
						LogText.token(event.transactionId()), attempt, LogText.token(ex.getMessage()));
			}
			if (attempt < this.properties.notificationAttempts() && !pause(backoff)) {
				return false;
			}
			backoff = backoff.multipliedBy(2);
		}
		return false;
	}

	private void revoke(EnrollmentEvent event) {
		try {
			this.certificateAuthority.revoke(event.serialNumber(), new RevokeRequest(REVOCATION_REASON,
					"Intune success notification failed", "challenge-service (intune)"));
			log.warn("event=intune_certificate_revoked serial={} transactionId={}", event.serialNumber(),
					LogText.token(event.transactionId()));
		}
		catch (RuntimeException ex) {
			log.error("event=intune_certificate_not_revoked serial={} transactionId={} cause={}", event.serialNumber(),
					LogText.token(event.transactionId()), LogText.token(ex.toString()));
		}
	}

	private static boolean pause(Duration backoff) {
		try {
			Thread.sleep(backoff);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
