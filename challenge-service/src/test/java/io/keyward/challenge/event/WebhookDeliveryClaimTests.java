package io.keyward.challenge.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.QueryPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim of due webhook deliveries takes at most the batch it asks for whatever plan
 * PostgreSQL chooses ({@link QueryPlans#withRescannedSubqueries}): with the rows picked
 * in a subquery of the update, a nested-loop plan took every due delivery.
 */
class WebhookDeliveryClaimTests extends IntegrationTestSupport {

	/**
	 * Due only at this instant, far after the service's clock: the deliverer leaves them.
	 */
	private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

	@Autowired
	private WebhookDeliveries deliveries;

	@Autowired
	private PlatformTransactionManager transactions;

	@AfterEach
	void removeRows() {
		this.jdbc.update("delete from challenge.webhook_delivery where webhook = 'claimtest'");
		this.jdbc.update("delete from challenge.enrollment_event where type = 'CLAIMTEST'");
	}

	@Test
	void whenAJoinRunsTheSubqueryForEveryRowThenTheClaimStillTakesOneBatch() {
		for (int i = 0; i < 120; i++) {
			UUID event = UUID.randomUUID();
			this.jdbc.update("insert into challenge.enrollment_event (id, type, occurred_at, body, received_at) "
					+ "values (?, 'CLAIMTEST', now(), '{}', now())", event);
			this.jdbc.update(
					"insert into challenge.webhook_delivery (event_id, webhook, status, next_attempt_at) "
							+ "values (?, 'claimtest', 'PENDING', ?)",
					event, Timestamp.from(LATER.minus(120 - i, ChronoUnit.SECONDS)));
		}

		List<WebhookDeliveries.Due> claimed = QueryPlans.withRescannedSubqueries(this.transactions, this.jdbc,
				() -> this.deliveries.claim(LATER, Instant.now(), 50));

		assertThat(claimed).hasSize(50);
	}

}
