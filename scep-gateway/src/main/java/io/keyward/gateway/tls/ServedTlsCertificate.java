package io.keyward.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the certificate the HTTPS listener serves, self-issued or the operator's: a
 * gauge {@code keyward.certificate.days.left{certificate=tls}}, a warning
 * {@code event=certificate_expiring certificate=tls} from
 * {@code keyward.gateway.tls.warn-before} ahead, and readiness (component
 * {@code tlsCertificate}) DOWN once it has expired, since no device then completes a
 * handshake and a load balancer should send traffic to another gateway.
 */
@Component("tlsCertificate")
class ServedTlsCertificate implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ServedTlsCertificate.class);

	private final TlsProperties properties;

	private final ObjectProvider<SslBundles> bundles;

	private final Clock clock;

	ServedTlsCertificate(TlsProperties properties, ObjectProvider<SslBundles> bundles, Clock clock,
			MeterRegistry meters) {
		this.properties = properties;
		this.bundles = bundles;
		this.clock = clock;
		Gauge.builder("keyward.certificate.days.left", this, ServedTlsCertificate::daysLeft)
			.description("days until the certificate's notAfter (negative once expired)")
			.tag("certificate", "tls")
			.register(meters);
	}

	/** The certificate new handshakes get, if HTTPS is on and it can be read. */
	Optional<X509Certificate> certificate() {
		if (!this.properties.enabled()) {
			return Optional.empty();
		}
		try {
			SslBundle bundle = this.bundles.getObject().getBundle(this.properties.bundleName());
			KeyStore keyStore = bundle.getStores().getKeyStore();
			String alias = bundle.getKey().getAlias();
			for (String candidate : (alias != null) ? List.of(alias) : Collections.list(keyStore.aliases())) {
				if (keyStore.isKeyEntry(candidate)
						&& keyStore.getCertificate(candidate) instanceof X509Certificate certificate) {
					return Optional.of(certificate);
				}
			}
			return Optional.empty();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Health health() {
		if (!this.properties.enabled()) {
			return Health.up().withDetail("https", "off").build();
		}
		X509Certificate certificate = certificate().orElse(null);
		if (certificate == null) {
			return Health.down().withDetail("reason", "the TLS certificate cannot be read").build();
		}
		Instant notAfter = certificate.getNotAfter().toInstant();
		Health.Builder health = notAfter.isAfter(this.clock.instant()) ? Health.up()
				: Health.down().withDetail("reason", "the TLS certificate has expired");
		return health.withDetail("notAfter", notAfter.toString()).build();
	}

	/**
	 * Log the served certificate when it expires within the warning period.
	 * @return whether it does
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.tls.check-interval:10m}", initialDelay = 60_000)
	public boolean warn() {
		X509Certificate certificate = certificate().orElse(null);
		if (certificate == null) {
			return false;
		}
		Instant now = this.clock.instant();
		Instant notAfter = certificate.getNotAfter().toInstant();
		if (notAfter.minus(this.properties.warnBefore()).isAfter(now)) {
			return false;
		}
		log.warn("event=certificate_expiring certificate=tls serial={} subject=\"{}\" notAfter={} daysLeft={}",
				SerialNumbers.hex(certificate.getSerialNumber()),
				LogText.printable(certificate.getSubjectX500Principal().getName()), notAfter,
				Duration.between(now, notAfter).toDays());
		return true;
	}

	private double daysLeft() {
		return certificate()
			.map((certificate) -> Duration.between(this.clock.instant(), certificate.getNotAfter().toInstant())
				.toSeconds() / 86_400.0)
			.orElse(Double.NaN);
	}

}
