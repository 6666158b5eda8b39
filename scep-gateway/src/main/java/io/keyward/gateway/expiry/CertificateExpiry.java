package io.keyward.gateway.expiry;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.GatewayProperties;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.ra.RaCredentials;
import io.keyward.gateway.ra.RaKeys;
import io.keyward.gateway.scep.CaCertificateChain;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the expiry of the CA and RA certificates visible before it bites: a gauge of the
 * days left per certificate ({@code keyward.certificate.days.left}, tag
 * {@code certificate} = {@code ca}, {@code ra-signing}, {@code ra-encryption}) and, on
 * every check, {@code event=certificate_expiring} for each one within
 * {@code keyward.gateway.ra.warn-before} of its notAfter (or past it).
 */
@Component
public class CertificateExpiry {

	private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);

	private final RaKeys raKeys;

	private final CaCertificateChain caChain;

	private final Clock clock;

	private final Duration warnBefore;

	CertificateExpiry(RaKeys raKeys, CaCertificateChain caChain, Clock clock, GatewayProperties properties,
			MeterRegistry meters) {
		this.raKeys = raKeys;
		this.caChain = caChain;
		this.clock = clock;
		this.warnBefore = properties.ra().warnBefore();
		for (String name : List.of("ca", "ra-signing", "ra-encryption")) {
			Gauge.builder("keyward.certificate.days.left", this, (expiry) -> expiry.daysLeft(name))
				.description("days until the certificate's notAfter (negative once expired)")
				.tag("certificate", name)
				.register(meters);
		}
	}

	/**
	 * Log the certificates that expire within the warning period.
	 * @return their names
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.ra.check-interval:1h}", initialDelay = 60_000)
	public List<String> warn() {
		Instant now = this.clock.instant();
		List<String> expiring = new ArrayList<>();
		for (Map.Entry<String, X509Certificate> entry : certificates().entrySet()) {
			Instant notAfter = entry.getValue().getNotAfter().toInstant();
			if (!notAfter.minus(this.warnBefore).isAfter(now)) {
				expiring.add(entry.getKey());
				log.warn("event=certificate_expiring certificate={} serial={} subject=\"{}\" notAfter={} daysLeft={}",
						entry.getKey(), SerialNumbers.hex(entry.getValue().getSerialNumber()),
						LogText.printable(entry.getValue().getSubjectX500Principal().getName()), notAfter,
						Duration.between(now, notAfter).toDays());
			}
		}
		return expiring;
	}

	private double daysLeft(String name) {
		X509Certificate certificate = certificates().get(name);
		if (certificate == null) {
			return Double.NaN;
		}
		return Duration.between(this.clock.instant(), certificate.getNotAfter().toInstant()).toSeconds() / 86_400.0;
	}

	/** The certificates that can be read now; one that cannot is left out. */
	private Map<String, X509Certificate> certificates() {
		Map<String, X509Certificate> certificates = new LinkedHashMap<>();
		try {
			this.caChain.certificates()
				.stream()
				.filter((certificate) -> certificate.getBasicConstraints() >= 0)
				.findFirst()
				.ifPresent((ca) -> certificates.put("ca", ca));
		}
		catch (RuntimeException ex) {
			// the ca-adapter is unreachable: its gauge shows NaN until it answers
		}
		try {
			RaCredentials ra = this.raKeys.current();
			certificates.put("ra-signing", ra.signingCertificate());
			certificates.put("ra-encryption", ra.encryptionCertificate());
		}
		catch (RuntimeException ex) {
			// not created yet or cannot be opened: the health indicator says so
		}
		return certificates;
	}

}
