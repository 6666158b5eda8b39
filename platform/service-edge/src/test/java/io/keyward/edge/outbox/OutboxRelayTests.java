package io.keyward.edge.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private final Table table = new Table();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void whenPublishedThenTheRowIsDeletedAndCounted() {
		Row row = this.table.add(1, "sent");
		relay().relayDue();
		assertThat(this.table.rows).doesNotContainKey(row.id());
		assertThat(this.meters.counter("keyward.test.events.published", "type", "ISSUED").count()).isEqualTo(1);
		assertThat(this.meters.get("keyward.test.events.queued").gauge().value()).isZero();
		assertThat(this.table.leaseUntil).isEqualTo(NOW.plusSeconds(30));
	}

	@Test
	void whenAnAttemptFailsThenItIsRetriedWithADoublingBackoffUpToTheLongestWait() {
		Row third = this.table.add(3, "fail");
		Row late = this.table.add(9, "fail");
		relay().relayDue();
		assertThat(this.table.retries.get(third.id())).isEqualTo(NOW.plusSeconds(20));
		assertThat(this.table.retries.get(late.id())).isEqualTo(NOW.plusSeconds(60));
		assertThat(this.table.errors.get(third.id())).isEqualTo("IllegalStateException: down");
		assertThat(this.table.rows).containsKeys(third.id(), late.id());
		assertThat(this.meters.get("keyward.test.events.queued").gauge().value()).isEqualTo(2);
	}

	@Test
	void whenTheLastAttemptFailsOrTheRowCanNeverBeSentThenItIsGivenUpAndCounted() {
		Row last = this.table.add(10, "fail");
		Row unsendable = this.table.add(1, "unsendable");
		relay().relayDue();
		assertThat(this.table.rows).doesNotContainKeys(last.id(), unsendable.id());
		assertThat(this.table.retries).isEmpty();
		assertThat(this.meters.counter("keyward.test.events.publish.failed", "type", "ISSUED").count()).isEqualTo(2);
	}

	private OutboxRelay<Row> relay() {
		OutboxRelay.Policy policy = new OutboxRelay.Policy("keyward.test.events", "test events", Duration.ofSeconds(30),
				Duration.ofSeconds(5), Duration.ofMinutes(1), 10);
		return new OutboxRelay<>(policy, this.table, new Sender(), Clock.fixed(NOW, ZoneOffset.UTC), this.meters);
	}

	record Row(UUID id, String type, int attempts, String outcome) implements OutboxRelay.Pending {
	}

	static final class Sender implements OutboxRelay.Delivery<Row> {

		@Override
		public void publish(Row row) {
			if (!row.outcome().equals("sent")) {
				throw new IllegalStateException("down");
			}
		}

		@Override
		public boolean unsendable(Row row) {
			return row.outcome().equals("unsendable");
		}

		@Override
		public String logKeys(Row row) {
			return "outcome=" + row.outcome();
		}

	}

	static final class Table implements OutboxRelay.Outbox<Row> {

		final Map<UUID, Row> rows = new HashMap<>();

		final Map<UUID, Instant> retries = new HashMap<>();

		final Map<UUID, String> errors = new HashMap<>();

		Instant leaseUntil;

		Row add(int attempts, String outcome) {
			Row row = new Row(UUID.randomUUID(), "ISSUED", attempts, outcome);
			this.rows.put(row.id(), row);
			return row;
		}

		@Override
		public List<Row> claim(Instant now, Instant leaseUntil, int limit) {
			this.leaseUntil = leaseUntil;
			return new ArrayList<>(this.rows.values());
		}

		@Override
		public void done(UUID id) {
			this.rows.remove(id);
		}

		@Override
		public void retryAt(UUID id, Instant next, String error) {
			this.retries.put(id, next);
			this.errors.put(id, error);
		}

		@Override
		public long size() {
			return this.rows.size();
		}

	}

}
