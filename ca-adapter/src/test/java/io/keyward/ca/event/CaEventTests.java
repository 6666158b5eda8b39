package io.keyward.ca.event;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.api.event.EnrollmentEvent;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.RecordingEventClient;
import io.keyward.ca.TestCsrs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * REVOKED after a revocation commits, EXPIRING once per certificate, both relayed to the
 * challenge-service's intake (recorded here).
 */
class CaEventTests extends CaApiTests {

	@Autowired
	private CaEventRelay relay;

	@Autowired
	private ExpiryScan expiryScan;

	@Autowired
	private RecordingEventClient intake;

	@AfterEach
	void intakeUp() {
		this.intake.down(false);
	}

	private IssuedCertificate issue(String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, "event-tests", "default", null));
	}

	@Test
	void whenACertificateIsRevokedThenOneRevokedEventWithTheRfc5280Reason() {
		IssuedCertificate issued = issue("CN=event-revoked");
		this.client.revoke(issued.serialNumber(), new RevokeRequest("keyCompromise", "stolen", "alice"));
		this.relay.relayDue();
		List<EnrollmentEvent> events = this.intake.forSerial(issued.serialNumber());
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(EnrollmentEvent.Type.REVOKED);
			assertThat(event.reason()).isEqualTo("keyCompromise");
			assertThat(event.subject()).isEqualTo("CN=event-revoked");
			assertThat(event.profile()).isEqualTo("event-tests");
			assertThat(event.thumbprintSha1()).hasSize(40);
		});
	}

	@Test
	void whenARevocationIsRefusedThenNoEvent() {
		IssuedCertificate issued = issue("CN=event-revoked-twice");
		this.client.revoke(issued.serialNumber(), new RevokeRequest("superseded", null, "alice"));
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class).isThrownBy(
				() -> this.client.revoke(issued.serialNumber(), new RevokeRequest("keyCompromise", null, "alice")));
		this.relay.relayDue();
		assertThat(this.intake.forSerial(issued.serialNumber())).singleElement()
			.extracting(EnrollmentEvent::reason)
			.isEqualTo("superseded");
	}

	@Test
	void whenACertificateComesWithinTheWarningThenOneExpiringEventEvenIfScannedAgain() {
		IssuedCertificate issued = issue("CN=event-expiring");
		Duration untilEnd = Duration.between(this.clock.instant(), issued.notAfter());
		this.expiryScan.scan();
		this.relay.relayDue();
		assertThat(this.intake.forSerial(issued.serialNumber())).isEmpty();

		// 29 days before its end: inside the 30-day warning
		this.clock.advance(untilEnd.minus(Duration.ofDays(29)));
		assertThat(this.expiryScan.scan()).isPositive();
		this.expiryScan.scan();
		this.relay.relayDue();
		assertThat(this.intake.forSerial(issued.serialNumber())).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(EnrollmentEvent.Type.EXPIRING);
			assertThat(event.notAfter()).isEqualTo(issued.notAfter());
		});
	}

	@Test
	void whenTheChallengeServiceIsUnreachableThenTheEventWaitsAndFollowsLater() {
		this.intake.down(true);
		IssuedCertificate issued = issue("CN=event-later");
		this.client.revoke(issued.serialNumber(), new RevokeRequest("cessationOfOperation", null, "alice"));
		this.relay.relayDue();
		assertThat(this.intake.forSerial(issued.serialNumber())).isEmpty();
		this.intake.down(false);
		this.clock.advance(Duration.ofHours(1));
		this.relay.relayDue();
		assertThat(this.intake.forSerial(issued.serialNumber())).singleElement()
			.extracting(EnrollmentEvent::type)
			.isEqualTo(EnrollmentEvent.Type.REVOKED);
	}

}
