package io.keyward.challenge.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.keyward.api.event.EnrollmentEvent;
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
	void whenACallerWithoutThePublishScopePublishesThenForbidden() {
		assertThat(publish(ADMIN_UI_TOKEN, issued(UUID.randomUUID())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
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
