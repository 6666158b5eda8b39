package io.keyward.ca.event;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces each certificate once, {@code keyward.ca.events.expiry-warning} before its
 * notAfter (RFC 5280 section 4.1.2.5), so that an MDM renews it in time; revoked and
 * already-ended certificates are not announced.
 */
@Component
class ExpiryScan {

	private static final Logger log = LoggerFactory.getLogger(ExpiryScan.class);

	private static final int BATCH = 1000;

	private final CaEventOutbox outbox;

	private final CaEventProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	ExpiryScan(CaEventOutbox outbox, CaEventProperties properties, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	@Scheduled(initialDelayString = "${keyward.ca.events.expiry-scan-interval:1h}",
			fixedDelayString = "${keyward.ca.events.expiry-scan-interval:1h}")
	int scan() {
		int total = 0;
		int announced;
		do {
			announced = this.outbox.expiring(this.clock.instant(), this.properties.expiryWarning(), BATCH);
			total += announced;
		}
		while (announced == BATCH);
		if (total > 0) {
			this.meters.counter("keyward.ca.expiry.warnings").increment(total);
			log.info("event=certificates_expiring count={} warning={}", total, this.properties.expiryWarning());
		}
		return total;
	}

}
