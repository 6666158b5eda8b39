package io.keyward.gateway.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.QueryPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim takes at most the batch it asks for, whatever plan PostgreSQL chooses: with the
 * due rows picked in a subquery of the update ({@code where id in (select ... limit n for
 * update skip locked)}) a nested-loop plan ran the subquery again for each row, skipped
 * the rows this statement had already taken and so took them all (a benchmark's relay
 * sent batches of 111 and 119, which the challenge-service refuses above 100).
 */
class EventOutboxClaimTests extends AbstractGatewayTests {

	/** Due only at this instant, far after the relay's clock: the relay leaves them. */
	private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

	@Autowired
	private EventOutbox outbox;

	@Autowired
	private PlatformTransactionManager transactions;

	@AfterEach
	void removeRows() {
		this.jdbc.update("delete from event_outbox where type = 'CLAIMTEST'");
	}

	@Test
	void whenAJoinRunsTheSubqueryForEveryRowThenTheClaimStillTakesOneBatch() {
		for (int i = 0; i < 120; i++) {
			this.jdbc.update(
					"insert into event_outbox (id, transaction_row, type, occurred_at, next_attempt_at) "
							+ "values (gen_random_uuid(), gen_random_uuid(), 'CLAIMTEST', now(), ?)",
					Timestamp.from(LATER.minus(120 - i, ChronoUnit.SECONDS)));
		}

		List<EventOutbox.Pending> claimed = QueryPlans.withRescannedSubqueries(this.transactions, this.jdbc,
				() -> this.outbox.claim(LATER, Instant.now(), 50));

		assertThat(claimed).hasSize(50);
	}

}
