package io.keyward.challenge.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin lists every webhook delivery kept (pending, delivered, dead),
 * filtered by state, event type and webhook, in queued order either way, a keyset page at
 * a time in SQL; bad parameters are a 400 problem. The rows here go to webhooks of their
 * own names, so other tests' deliveries never mix in.
 */
class WebhookDeliveryListTests extends IntegrationTestSupport {

	private static final String PAGE = "/internal/v1/webhook-deliveries/page";

	/**
	 * Delivery ids in queued order: ISSUED dead, REVOKED delivered, ISSUED pending,
	 * ISSUED dead.
	 */
	private final List<Long> ids = new ArrayList<>();

	@BeforeEach
	void deliveries() {
		this.jdbc.update("delete from challenge.webhook_delivery where webhook in ('list-a', 'list-b')");
		String[][] rows = { { "ISSUED", "DEAD" }, { "REVOKED", "DELIVERED" }, { "ISSUED", "PENDING" },
				{ "ISSUED", "DEAD" } };
		this.ids.clear();
		for (String[] row : rows) {
			UUID event = UUID.randomUUID();
			this.jdbc.update("insert into challenge.enrollment_event (id, type, occurred_at, body, received_at) "
					+ "values (?, ?, now(), '{}', now())", event, row[0]);
			this.ids.add(this.jdbc.queryForObject("insert into challenge.webhook_delivery (event_id, webhook, status, "
					+ "attempts, next_attempt_at, last_error) values (?, 'list-a', ?, 8, now(), 'HTTP 503') returning id",
					Long.class, event, row[1]));
			this.jdbc.update("insert into challenge.webhook_delivery (event_id, webhook, status, next_attempt_at) "
					+ "values (?, 'list-b', 'DELIVERED', now())", event);
		}
	}

	@Test
	void whenFilteredByStateTypeAndWebhookThenOnlyThoseInQueuedOrderEitherWay() {
		assertThat(all("state=all&webhook=list-a", 3)).containsExactly(id(3), id(2), id(1), id(0));
		assertThat(all("state=all&webhook=list-a&sort=time:asc", 1)).containsExactly(id(0), id(1), id(2), id(3));
		assertThat(all("state=dead&webhook=list-a", 1)).containsExactly(id(3), id(0));
		assertThat(all("state=dead&webhook=list-a&sort=time:asc", 5)).containsExactly(id(0), id(3));
		assertThat(all("state=pending&webhook=list-a", 5)).containsExactly(id(2));
		assertThat(all("state=delivered&webhook=list-a&type=REVOKED", 5)).containsExactly(id(1));
		assertThat(all("state=all&webhook=list-a&type=ISSUED&sort=time:asc", 2)).containsExactly(id(0), id(2), id(3));
		assertThat(all("state=all&webhook=list-b&type=REVOKED", 5)).hasSize(1);
	}

	@Test
	void whenListedThenEachDeliverySaysWhatAndWhenButNeverTheBodyAndConfiguredWebhooksAreNamed() {
		Map<String, Object> page = getAsAdminUi(PAGE + "?state=dead&webhook=list-a&limit=1", HttpStatus.OK).getBody();
		@SuppressWarnings("unchecked")
		Map<String, Object> first = ((List<Map<String, Object>>) page.get("items")).getFirst();
		assertThat(first).containsEntry("eventType", "ISSUED")
			.containsEntry("status", "DEAD")
			.containsEntry("attempts", 8)
			.containsEntry("lastError", "HTTP 503")
			.containsKey("queuedAt")
			.doesNotContainKey("body");
		assertThat(page.get("next")).isEqualTo(first.get("id"));
		assertThat(page.get("webhooks")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains("mdm", "siem");
	}

	@Test
	void whenAParameterIsWrongThenBadRequestProblem() {
		for (String query : new String[] { "state=lost", "state=all&type=SIGNED", "state=all&sort=webhook",
				"state=all&after=abc", "state=all&after=-4", "state=all&limit=0", "state=all&limit=501" }) {
			ResponseEntity<Map<String, Object>> refused = getAsAdminUi(PAGE + "?" + query, HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void whenAnotherCallerAsksThenRefused() {
		ResponseEntity<Map<String, Object>> response = this.http.get()
			.uri(PAGE + "?state=all")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SERVICE_TOKEN)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.get().uri(PAGE).retrieve().toEntity(String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private Long id(int index) {
		return this.ids.get(index);
	}

	private List<Long> all(String query, int limit) {
		List<Long> found = new ArrayList<>();
		Object after = null;
		do {
			Map<String, Object> page = getAsAdminUi(
					PAGE + "?" + query + "&limit=" + limit + ((after != null) ? "&after=" + after : ""), HttpStatus.OK)
				.getBody();
			((List<?>) page.get("items"))
				.forEach((item) -> found.add(((Number) ((Map<?, ?>) item).get("id")).longValue()));
			after = page.get("next");
		}
		while (after != null);
		return found;
	}

}
