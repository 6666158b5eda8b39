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
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the expiry of the CA and RA certificates visible before it bites: a gauge of the
 * days left per certificate ({@code keyward.certificate.days.left}, tag
 * {@code certificate} = {@code ca}, {@code ra-signing}, {@code ra-encryption}) and, on
 * every check, {@code event=certificate_expiring} for each one within
 * {@code keyward.gateway.ra.warn-before} of its notAfter (or past it).
 * <p>
 * Every CA certificate the ca-adapter publishes, each generation of a rollover and each
 * issuer of a chain, has its own gauge too: {@code keyward.ca.days.left}, tags
 * {@code generation} ({@code current}, {@code issuer} for the chain above the issuing CA,
 * {@code previous}, {@code next}), {@code serial} and {@code subject}, refreshed at
 * start, on each fetch of the chain from the ca-adapter and on every check.
 */
@Component
public class CertificateExpiry {

	private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);

	private final RaKeys raKeys;

	private final CaCertificateChain caChain;

	private final Clock clock;

	private final Duration warnBefore;

	private final MultiGauge everyCa;

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
		this.everyCa = MultiGauge.builder("keyward.ca.days.left")
			.description("days until each published CA certificate's notAfter (negative once expired)")
			.register(meters);
	}

	/**
	 * Log the certificates that expire within the warning period.
	 * @return their names
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.ra.check-interval:1h}", initialDelay = 60_000)
	public List<String> warn() {
		Instant now = this.clock.instant();
		gaugeEveryCa(now);
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

	/**
	 * The CA gauges from the start (when the ca-adapter answers then), and again whenever
	 * the gateway fetches the chain (the first enrollment, a rollover), not only on the
	 * hourly check.
	 */
	@EventListener({ ApplicationReadyEvent.class, CaCertificateChain.Fetched.class })
	void gaugeEveryCaNow() {
		gaugeEveryCa(this.clock.instant());
	}

	/**
	 * One row per CA certificate published now; none while the ca-adapter is unreachable.
	 */
	private void gaugeEveryCa(Instant now) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		try {
			List<X509Certificate> chain = this.caChain.certificates();
			for (int i = 0; i < chain.size(); i++) {
				rows.add(row(i == 0 ? "current" : "issuer", chain.get(i), now));
			}
			this.caChain.issuers().stream().skip(1).forEach((ca) -> rows.add(row("previous", ca, now)));
			this.caChain.next()
				.ifPresent((next) -> next.certificates().forEach((ca) -> rows.add(row("next", ca, now))));
		}
		catch (RuntimeException ex) {
			// the ca-adapter is unreachable: the rows of the last check stay
			return;
		}
		this.everyCa.register(rows, true);
	}

	private static MultiGauge.Row<?> row(String generation, X509Certificate ca, Instant now) {
		double days = Duration.between(now, ca.getNotAfter().toInstant()).toSeconds() / 86_400.0;
		return MultiGauge.Row.of(Tags.of("generation", generation, "serial", SerialNumbers.hex(ca.getSerialNumber()),
				"subject", LogText.printable(ca.getSubjectX500Principal().getName())), days);
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
