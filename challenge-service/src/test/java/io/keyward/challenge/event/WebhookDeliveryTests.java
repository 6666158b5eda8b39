package io.keyward.challenge.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.WebhookReceiver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDeliveryTests extends IntegrationTestSupport {

	@Autowired
	private WebhookDeliverer deliverer;

	@AfterEach
	void receiverUp() {
		RECEIVER.down(false);
	}

	private EnrollmentEvent publish(EnrollmentEvent.Type type) {
		return publish(type, "corr-1");
	}

	private EnrollmentEvent publish(EnrollmentEvent.Type type, String correlationId) {
		EnrollmentEvent event = EventIntakeTests.issued(UUID.randomUUID());
		event = new EnrollmentEvent(event.id(), type, event.occurredAt(), correlationId, event.profile(),
				event.transactionId(), event.subject(), event.serialNumber(), event.issuer(), event.notBefore(),
				event.notAfter(), event.thumbprintSha1(), null,
				(type == EnrollmentEvent.Type.REVOKED) ? "keyCompromise" : null, null);
		ResponseEntity<Map<String, Object>> response = this.http.post()
			.uri("/internal/v1/events")
			.header("Authorization", "Bearer " + SERVICE_TOKEN)
			.body(event)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		return event;
	}

	private List<WebhookReceiver.Delivery> received(UUID eventId) {
		return RECEIVER.received().stream().filter((d) -> eventId.toString().equals(d.eventId())).toList();
	}

	private Map<String, Object> delivery(UUID eventId, String webhook) {
		return this.jdbc.queryForMap("select * from challenge.webhook_delivery where event_id = ? and webhook = ?",
				eventId, webhook);
	}

	@Test
	void whenAnEventIsDueThenEachMatchingWebhookGetsItSignedWithItsHeaders() {
		EnrollmentEvent revoked = publish(EnrollmentEvent.Type.REVOKED);
		this.deliverer.deliverDue();
		List<WebhookReceiver.Delivery> got = received(revoked.id());
		// mdm takes every event, siem REVOKED and EXPIRING: the receiver serves both
		assertThat(got).hasSize(2);
		WebhookReceiver.Delivery first = got.get(0);
		assertThat(first.type()).isEqualTo("REVOKED");
		assertThat(Long.parseLong(first.timestamp())).isCloseTo(this.clock.instant().getEpochSecond(),
				org.assertj.core.api.Assertions.within(5L));
		assertThat(first.body()).contains("\"id\":\"" + revoked.id() + "\"")
			.contains("\"type\":\"REVOKED\"")
			.contains("\"reason\":\"keyCompromise\"")
			.contains("\"correlationId\":\"corr-1\"");
		assertThat(delivery(revoked.id(), "mdm")).containsEntry("status", "DELIVERED").containsEntry("attempts", 1);
		assertThat(RECEIVER.rejected()).isEmpty();
	}

	@Autowired
	MeterRegistry meters;

	@Test
	void whenAnEventIsDeliveredOrRefusedThenEachCallIsTimedByOutcome() {
		double delivered = calls("2xx");
		double refused = calls("5xx");
		publish(EnrollmentEvent.Type.REVOKED);
		this.deliverer.deliverDue();
		// mdm and siem take REVOKED
		assertThat(calls("2xx") - delivered).isEqualTo(2.0);
		RECEIVER.down(true);
		publish(EnrollmentEvent.Type.ISSUED);
		this.deliverer.deliverDue();
		assertThat(calls("5xx") - refused).isEqualTo(1.0);
		assertThat(this.meters.get("keyward.challenge.webhook.calls")
			.tags("kind", "delivery", "outcome", "2xx")
			.timer()
			.takeSnapshot()
			.histogramCounts()).as("a histogram for Prometheus").isNotEmpty();
	}

	private double calls(String outcome) {
		return counted(this.meters, "keyward.challenge.webhook.calls", "kind", "delivery", "outcome", outcome);
	}

	@Test
	void whenTheReceiverIsDownThenRetriedWithBackoffThenDeadThenReplayDelivers() {
		RECEIVER.down(true);
		EnrollmentEvent issued = publish(EnrollmentEvent.Type.ISSUED);
		this.deliverer.deliverDue();
		Map<String, Object> first = delivery(issued.id(), "mdm");
		assertThat(first).containsEntry("status", "PENDING")
			.containsEntry("attempts", 1)
			.containsEntry("last_error", "HTTP 503");
		Instant next = ((java.sql.Timestamp) first.get("next_attempt_at")).toInstant();
		// 10 s initial backoff with up to 20 % jitter
		assertThat(Duration.between(this.clock.instant(), next)).isBetween(Duration.ofSeconds(9),
				Duration.ofSeconds(13));
		// not due yet: nothing happens
		this.deliverer.deliverDue();
		assertThat(delivery(issued.id(), "mdm")).containsEntry("attempts", 1);

		this.clock.advance(Duration.ofMinutes(1));
		this.deliverer.deliverDue();
		assertThat(delivery(issued.id(), "mdm")).containsEntry("status", "PENDING").containsEntry("attempts", 2);
		this.clock.advance(Duration.ofMinutes(1));
		this.deliverer.deliverDue();
		assertThat(delivery(issued.id(), "mdm")).containsEntry("status", "DEAD").containsEntry("attempts", 3);
		assertThat(received(issued.id())).isEmpty();

		ResponseEntity<List<Map<String, Object>>> dead = this.http.get()
			.uri("/internal/v1/webhook-deliveries?limit=500")
			.header("Authorization", "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
			});
		assertThat(dead.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> listed = dead.getBody()
			.stream()
			.filter((d) -> issued.id().toString().equals(d.get("eventId")))
			.findFirst()
			.orElseThrow();
		assertThat(listed).containsEntry("eventType", "ISSUED")
			.containsEntry("webhook", "mdm")
			.containsEntry("target", RECEIVER.url())
			.containsEntry("attempts", 3)
			.containsEntry("lastError", "HTTP 503");

		RECEIVER.down(false);
		long id = ((Number) listed.get("id")).longValue();
		assertThat(post("/internal/v1/webhook-deliveries/" + id + "/replay", ADMIN_UI_TOKEN, "").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		this.deliverer.deliverDue();
		assertThat(received(issued.id())).hasSize(1);
		assertThat(delivery(issued.id(), "mdm")).containsEntry("status", "DELIVERED").containsEntry("attempts", 1);
		// replaying what is not dead: 404 problem
		assertThat(post("/internal/v1/webhook-deliveries/" + id + "/replay", ADMIN_UI_TOKEN, "").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void whenAllDeadLettersAreReplayedThenEachIsQueuedAgain() {
		this.jdbc.update("update challenge.webhook_delivery set status = 'DELIVERED' where status = 'DEAD'");
		EnrollmentEvent revoked = publish(EnrollmentEvent.Type.REVOKED);
		this.jdbc.update("update challenge.webhook_delivery set status = 'DEAD', attempts = 3 where event_id = ?",
				revoked.id());
		ResponseEntity<Map<String, Object>> response = post("/internal/v1/webhook-deliveries/replay", ADMIN_UI_TOKEN,
				"");
		assertThat(response.getBody()).containsEntry("replayed", 2);
		this.deliverer.deliverDue();
		assertThat(received(revoked.id())).hasSize(2);
	}

	@Test
	void whenAskedByCorrelationIdThenEveryDeliveryOfThatEnrollmentInAnyState() {
		String enrollment = UUID.randomUUID().toString();
		EnrollmentEvent issued = publish(EnrollmentEvent.Type.ISSUED, enrollment);
		this.deliverer.deliverDue();
		EnrollmentEvent revoked = publish(EnrollmentEvent.Type.REVOKED, enrollment);
		publish(EnrollmentEvent.Type.ISSUED, UUID.randomUUID().toString());

		List<Map<String, Object>> deliveries = this.http.get()
			.uri("/internal/v1/webhook-deliveries?correlationId=" + enrollment)
			.header("Authorization", "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.body(new org.springframework.core.ParameterizedTypeReference<>() {
			});

		// ISSUED to mdm (delivered), REVOKED to mdm and siem (not yet)
		assertThat(deliveries).extracting((d) -> d.get("eventId") + " " + d.get("webhook") + " " + d.get("status"))
			.containsExactlyInAnyOrder(issued.id() + " mdm DELIVERED", revoked.id() + " mdm PENDING",
					revoked.id() + " siem PENDING");
		assertThat(this.http.get()
			.uri("/internal/v1/webhook-deliveries?correlationId=not-a-uuid")
			.header("Authorization", "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.toEntity(JSON)
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.get()
			.uri("/internal/v1/webhook-deliveries?correlationId=" + enrollment)
			.header("Authorization", "Bearer " + SERVICE_TOKEN)
			.retrieve()
			.toEntity(JSON)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void whenTheListLimitIsOutOfRangeThenBadRequestProblem() {
		assertThat(this.http.get()
			.uri("/internal/v1/webhook-deliveries?limit=0")
			.header("Authorization", "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.toEntity(JSON)
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

}
