package io.keyward.gateway.expiry;

import java.time.Duration;
import java.time.Instant;

import io.keyward.gateway.AbstractGatewayTests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Expiry of the CA and RA certificates, visible before it bites, with a moved clock:
 * days-left gauges, {@code event=certificate_expiring} logs, readiness DOWN once an RA
 * certificate has expired.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateExpiryTests extends AbstractGatewayTests {

	@Autowired
	CertificateExpiry expiry;

	@Autowired
	MeterRegistry meters;

	@Test
	void whenFarFromExpiryThenNoWarningAndGaugesShowTheDaysLeft(CapturedOutput output) {
		assertThat(this.expiry.warn()).isEmpty();
		double raDays = this.meters.get("keyward.certificate.days.left")
			.tag("certificate", "ra-signing")
			.gauge()
			.value();
		assertThat(raDays).isCloseTo(daysLeft(ra().signingCertificate().getNotAfter().toInstant()), within(0.01));
		assertThat(this.meters.get("keyward.certificate.days.left").tag("certificate", "ca").gauge().value())
			.isGreaterThan(raDays);
		assertThat(output).doesNotContain("event=certificate_expiring");
	}

	@Test
	void whenWithinTheWarningPeriodThenEachRaCertificateIsLogged(CapturedOutput output) {
		Instant notAfter = ra().signingCertificate().getNotAfter().toInstant();
		this.clock.set(notAfter.minus(Duration.ofDays(10)));
		assertThat(this.expiry.warn()).contains("ra-signing", "ra-encryption").doesNotContain("ca");
		assertThat(output).contains("event=certificate_expiring certificate=ra-signing")
			.contains("event=certificate_expiring certificate=ra-encryption");
		assertThat(this.meters.get("keyward.certificate.days.left").tag("certificate", "ra-signing").gauge().value())
			.isCloseTo(10.0, within(0.01));
	}

	@Test
	void whenAnRaCertificateHasExpiredThenReadinessIsDown() throws Exception {
		assertThat(get("/readyz").statusCode()).isEqualTo(200);
		this.clock.set(ra().signingCertificate().getNotAfter().toInstant().plusSeconds(60));
		assertThat(get("/readyz").statusCode()).isEqualTo(503);
		assertThat(get("/livez").statusCode()).as("liveness is not about certificates").isEqualTo(200);
		this.clock.reset();
		assertThat(get("/readyz").statusCode()).isEqualTo(200);
	}

	private double daysLeft(Instant notAfter) {
		return Duration.between(this.clock.instant(), notAfter).toSeconds() / 86_400.0;
	}

}
