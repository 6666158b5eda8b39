package io.keyward.challenge.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.EventBatch;
import io.keyward.challenge.EventRecorder;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class EventIntakeTests extends IntegrationTestSupport {

	@Autowired
	private EventRecorder listeners;

	@Autowired
	private ObjectMapper json;

	static EnrollmentEvent issued(UUID id) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return new EnrollmentEvent(id, EnrollmentEvent.Type.ISSUED, now, null, "default", "TX-" + id,
				"CN=device-1,O=Keyward", "0A1B2C", "CN=Keyward Root CA,O=Keyward", now, now.plus(365, ChronoUnit.DAYS),
				"ABCDEF0123456789ABCDEF0123456789ABCDEF01", null, null, null);
	}

	private ResponseEntity<Map<String, Object>> publish(String token, EnrollmentEvent event) {
		return this.http.post()
			.uri("/internal/v1/events")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(event)
			.retrieve()
			.toEntity(JSON);
	}

	@Test
	void whenTheSameEventIsPostedTwiceThenItIsStoredAndHandedToListenersOnce() {
		EnrollmentEvent event = issued(UUID.randomUUID());
		assertThat(publish(SERVICE_TOKEN, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(publish(SERVICE_TOKEN, event).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.enrollment_event where id = ?",
				Integer.class, event.id()))
			.isOne();
		assertThat(this.listeners.count(event.id())).isOne();
	}

	@Test
	void whenAnEventIsStoredThenOneDeliveryPerWebhookThatWantsItsType() {
		EnrollmentEvent event = issued(UUID.randomUUID());
		publish(CA_ADAPTER_TOKEN, event);
		assertThat(this.jdbc.queryForList("select webhook from challenge.webhook_delivery where event_id = ?",
				String.class, event.id()))
			.containsExactly("mdm");
	}

	@Test
	void whenTheEventLacksItsTypeThenBadRequestProblemAndNothingStored() {
		UUID id = UUID.randomUUID();
		ResponseEntity<Map<String, Object>> response = post("/internal/v1/events", SERVICE_TOKEN,
				"{\"id\":\"" + id + "\",\"occurredAt\":\"2026-12-05T10:00:00Z\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/internal/v1/events", SERVICE_TOKEN, "{\"id\":\"not-a-uuid\"}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.enrollment_event where id = ?",
				Integer.class, id))
			.isZero();
	}

	@Test
	void whenABatchIsPostedThenEachNewEventIsStoredOnceAndARepeatIsCounted() {
		EnrollmentEvent first = issued(UUID.randomUUID());
		EnrollmentEvent second = issued(UUID.randomUUID());
		publish(SERVICE_TOKEN, first);
		ResponseEntity<Map<String, Object>> response = publishAll(SERVICE_TOKEN, List.of(first, second));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("stored", 1).containsEntry("repeated", 1);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.enrollment_event where id in (?, ?)",
				Integer.class, first.id(), second.id()))
			.isEqualTo(2);
		assertThat(this.jdbc.queryForList("select webhook from challenge.webhook_delivery where event_id = ?",
				String.class, second.id()))
			.containsExactly("mdm");
		assertThat(this.listeners.count(first.id())).isOne();
		assertThat(this.listeners.count(second.id())).isOne();
	}

	@Test
	void whenABatchHoldsAnInvalidEventOrTooManyThenBadRequestProblemAndNothingStored() {
		EnrollmentEvent good = issued(UUID.randomUUID());
		ResponseEntity<Map<String, Object>> invalid = post("/internal/v1/events/batch", SERVICE_TOKEN,
				"{\"events\":[" + this.json.writeValueAsString(good) + ",{\"id\":\"" + UUID.randomUUID() + "\"}]}");
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		List<EnrollmentEvent> tooMany = new ArrayList<>();
		for (int i = 0; i <= EventBatch.MAX_EVENTS; i++) {
			tooMany.add(issued(UUID.randomUUID()));
		}
		assertThat(publishAll(SERVICE_TOKEN, tooMany).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/internal/v1/events/batch", SERVICE_TOKEN, "{\"events\":[]}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("/internal/v1/events/batch", SERVICE_TOKEN, "[1,2]").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.enrollment_event where id = ? or id = ?",
				Integer.class, good.id(), tooMany.get(0).id()))
			.isZero();
	}

	@Test
	void whenACallerWithoutThePublishScopePublishesThenForbidden() {
		assertThat(publish(ADMIN_UI_TOKEN, issued(UUID.randomUUID())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(publishAll(ADMIN_UI_TOKEN, List.of(issued(UUID.randomUUID()))).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(publishAll(API_KEY, List.of(issued(UUID.randomUUID()))).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private ResponseEntity<Map<String, Object>> publishAll(String token, List<EnrollmentEvent> events) {
		return this.http.post()
			.uri("/internal/v1/events/batch")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new EventBatch(events))
			.retrieve()
			.toEntity(JSON);
	}

	@Test
	void whenPublishedWithoutATokenOrWithAnMdmKeyThenUnauthorized() {
		assertThat(publish("no-such-token-0123456789", issued(UUID.randomUUID())).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(publish(API_KEY, issued(UUID.randomUUID())).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void whenThePublishersManageDeadLettersThenForbidden() {
		assertThat(this.http.get()
			.uri("/internal/v1/webhook-deliveries")
			.header("Authorization", "Bearer " + CA_ADAPTER_TOKEN)
			.retrieve()
			.toEntity(JSON)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("/internal/v1/webhook-deliveries/replay", SERVICE_TOKEN, "{}").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

}
