package io.keyward.gateway.event;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.keyward.api.SerialNumbers;
import io.keyward.api.event.EnrollmentEvent;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's enrollment events: written with the outcome, handed to the
 * challenge-service's intake (the fake's) off the device's request.
 */
class EnrollmentEventTests extends AbstractGatewayTests {

	@Autowired
	private EventRelay relay;

	private List<EnrollmentEvent> eventsFor(String transactionId) {
		return upstreams.events.values().stream().filter((e) -> transactionId.equals(e.transactionId())).toList();
	}

	private int outboxRowsFor(String transactionId) {
		return this.jdbc.queryForObject("""
				select count(*) from gateway.event_outbox o join gateway.transaction t on t.id = o.transaction_row
				 where t.transaction_id = ?""", Integer.class, transactionId);
	}

	@Test
	void whenACertificateIsIssuedThenAnIssuedEventWithItsDetailsIsPublished() throws Exception {
		TestDevice device = new TestDevice("event-issued");
		String transactionId = TestDevice.newTransactionId();
		CertRepResponse certRep = enroll(device, "/scep/default", transactionId);
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		this.relay.relayDue();
		List<EnrollmentEvent> events = eventsFor(transactionId);
		assertThat(events).hasSize(1);
		EnrollmentEvent event = events.get(0);
		X509Certificate issued = certRep.certificates().get(0);
		assertThat(event.type()).isEqualTo(EnrollmentEvent.Type.ISSUED);
		assertThat(event.profile()).isEqualTo("default");
		assertThat(event.serialNumber()).isEqualTo(SerialNumbers.hex(issued.getSerialNumber()));
		assertThat(event.subject()).isEqualTo(issued.getSubjectX500Principal().getName());
		assertThat(event.issuer()).isEqualTo(issued.getIssuerX500Principal().getName());
		assertThat(event.notAfter()).isEqualTo(issued.getNotAfter().toInstant());
		assertThat(event.thumbprintSha1()).isEqualTo(HexFormat.of()
			.withUpperCase()
			.formatHex(MessageDigest.getInstance("SHA-1").digest(issued.getEncoded())));
		assertThat(event.failInfo()).isNull();
		// the redeemed challenge's id: the challenge-service follows its life by it
		assertThat(event.correlationId()).isEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
		assertThat(outboxRowsFor(transactionId)).isZero();
	}

	@Test
	void whenTheChallengeIsRejectedThenARefusedEventWithFailInfoAndReason() throws Exception {
		TestDevice device = new TestDevice("event-refused");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr("WRONGCHALLENGE"), ra().encryptionCertificate(), transactionId);
		CertRepResponse certRep = device.read(pkiOperation("/scep/default", message), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		this.relay.relayDue();
		assertThat(eventsFor(transactionId)).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(EnrollmentEvent.Type.REFUSED);
			assertThat(event.failInfo()).isEqualTo("badRequest");
			assertThat(event.reason()).isEqualTo("unknown or expired challenge");
			assertThat(event.subject()).contains("CN=");
			assertThat(event.serialNumber()).isNull();
			// a refused request is its own enrollment, with its own id
			assertThat(event.correlationId()).isNotNull().isNotEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
		});
	}

	@Test
	void whenTheChallengeServiceIsDownThenTheDeviceIsAnsweredAndTheEventFollowsLater() throws Exception {
		upstreams.eventsDown = true;
		TestDevice device = new TestDevice("event-later");
		String transactionId = TestDevice.newTransactionId();
		assertThat(enroll(device, "/scep/default", transactionId).status()).isEqualTo(PkiStatus.SUCCESS);
		this.relay.relayDue();
		assertThat(eventsFor(transactionId)).isEmpty();
		assertThat(outboxRowsFor(transactionId)).isOne();
		assertThat(this.jdbc.queryForObject("""
				select o.last_error from gateway.event_outbox o join gateway.transaction t on t.id = o.transaction_row
				 where t.transaction_id = ?""", String.class, transactionId)).contains("503");

		upstreams.eventsDown = false;
		this.clock.advance(Duration.ofHours(1));
		this.relay.relayDue();
		assertThat(eventsFor(transactionId)).singleElement()
			.extracting(EnrollmentEvent::type)
			.isEqualTo(EnrollmentEvent.Type.ISSUED);
		assertThat(outboxRowsFor(transactionId)).isZero();
	}

	@Test
	void whenSeveralEventsAreDueThenTheyArePublishedInOneBatchAndTheirRowsDeleted() throws Exception {
		upstreams.eventsDown = true;
		List<String> transactions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String transactionId = TestDevice.newTransactionId();
			assertThat(enroll(new TestDevice("event-batch-" + i), "/scep/default", transactionId).status())
				.isEqualTo(PkiStatus.SUCCESS);
			transactions.add(transactionId);
		}
		this.relay.relayDue();
		int batches = upstreams.eventBatches.get();

		upstreams.eventsDown = false;
		this.clock.advance(Duration.ofHours(1));
		this.relay.relayDue();
		assertThat(upstreams.eventBatches.get()).isGreaterThan(batches);
		for (String transactionId : transactions) {
			assertThat(eventsFor(transactionId)).singleElement()
				.extracting(EnrollmentEvent::type)
				.isEqualTo(EnrollmentEvent.Type.ISSUED);
			assertThat(outboxRowsFor(transactionId)).isZero();
		}
	}

}
