package io.keyward.ca.event;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaRows;
import io.keyward.testsupport.QueryPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ca-adapter's two "at most N rows" statements take at most N whatever plan
 * PostgreSQL chooses ({@link QueryPlans#withRescannedSubqueries}): the relay's claim of
 * due events and the expiry scan's marking of certificates. With the rows picked in a
 * subquery of the update, a nested-loop plan took every due row.
 */
@CaAdapterTest
class CaEventOutboxClaimTests {

	/**
	 * Due only at this instant, far after the service's clock: its own scans leave them.
	 */
	private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private CaEventOutbox outbox;

	@Autowired
	private PlatformTransactionManager transactions;

	@AfterEach
	void removeRows() {
		this.jdbc.update("delete from ca.event_outbox where type = 'CLAIMTEST' or certificate_id in "
				+ "(select id from ca.certificate where transaction_id like 'claimtest-%')");
		this.jdbc.update("delete from ca.certificate where transaction_id like 'claimtest-%'");
		this.jdbc.update("delete from ca.certificate_request where transaction_id like 'claimtest-%'");
	}

	@Test
	void whenAJoinRunsTheSubqueryForEveryRowThenTheRelayStillClaimsOneBatch() {
		for (int i = 0; i < 120; i++) {
			this.jdbc.update(
					"insert into ca.event_outbox (id, certificate_id, type, occurred_at, next_attempt_at) "
							+ "values (gen_random_uuid(), -1, 'CLAIMTEST', now(), ?)",
					Timestamp.from(LATER.minus(120 - i, ChronoUnit.SECONDS)));
		}

		List<CaEventOutbox.Pending> claimed = QueryPlans.withRescannedSubqueries(this.transactions, this.jdbc,
				() -> this.outbox.claim(LATER, Instant.now(), 50));

		assertThat(claimed).hasSize(50);
	}

	@Test
	void whenAJoinRunsTheSubqueryForEveryRowThenTheExpiryScanStillMarksOneBatch() {
		for (int i = 0; i < 120; i++) {
			// valid for 365 days from issue: ending 1-120 minutes after LATER
			CaRows.certificate(this.jdbc, "ca", "C1A1" + i, "claimtest-" + i, "CN=claimtest-" + i, "{}",
					LATER.minus(365, ChronoUnit.DAYS).plus(i + 1, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
		}

		int marked = QueryPlans.withRescannedSubqueries(this.transactions, this.jdbc,
				() -> this.outbox.expiring(LATER, Duration.ofDays(1), 50));

		assertThat(marked).isEqualTo(50);
		assertThat(this.jdbc.queryForObject("select count(*) from ca.certificate where transaction_id like "
				+ "'claimtest-%' and expiry_warned_at is not null", Integer.class))
			.isEqualTo(50);
	}

}
