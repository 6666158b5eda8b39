package io.keyward.gateway.ra;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code /actuator/health/readiness}, component {@code raKeys}, from the bean
 * name): DOWN when the RA keys cannot be opened (or created) or an RA certificate has
 * expired, since then no device can enroll (RFC 8894 section 2.1.2: devices envelope to
 * the RA encryption certificate and verify CertReps with the RA signing certificate). A
 * load balancer then stops sending SCEP traffic here and the operator sees why.
 */
@Component
class RaKeysHealthIndicator implements HealthIndicator {

	private final RaKeys raKeys;

	private final Clock clock;

	RaKeysHealthIndicator(RaKeys raKeys, Clock clock) {
		this.raKeys = raKeys;
		this.clock = clock;
	}

	@Override
	public Health health() {
		RaCredentials ra;
		try {
			ra = this.raKeys.current();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("reason", "RA keys cannot be opened or created").build();
		}
		Instant now = this.clock.instant();
		Health.Builder health = Health.up();
		for (X509Certificate certificate : new X509Certificate[] { ra.signingCertificate(),
				ra.encryptionCertificate() }) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			String name = (certificate == ra.signingCertificate()) ? "signingNotAfter" : "encryptionNotAfter";
			health.withDetail(name, notAfter.toString());
			if (!notAfter.isAfter(now)) {
				health.down().withDetail("reason", "an RA certificate has expired");
			}
		}
		return health.build();
	}

}
