package io.keyward.edge.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private final Table table = new Table();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Sender sender = new Sender();

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

	@Test
	void whenMoreThanABatchIsDueThenOneTickRelaysThemAllInOneRequestPerBatch() {
		for (int i = 0; i < 120; i++) {
			this.table.add(1, "sent");
		}
		relay().relayDue();
		assertThat(this.table.rows).isEmpty();
		assertThat(this.sender.requests).containsExactly(50, 50, 20);
		assertThat(this.table.deletes).isEqualTo(3);
		assertThat(this.meters.counter("keyward.test.events.published", "type", "ISSUED").count()).isEqualTo(120);
		assertThat(this.meters.get("keyward.test.events.queued").gauge().value()).isZero();
	}

	@Test
	void whenTheBacklogIsLongThenATickStopsAfterTwentyBatches() {
		for (int i = 0; i < 1_500; i++) {
			this.table.add(1, "sent");
		}
		relay().relayDue();
		assertThat(this.sender.requests).hasSize(20);
		assertThat(this.meters.get("keyward.test.events.queued").gauge().value()).isEqualTo(500);
	}

	@Test
	void whenABatchFailsThenItsRowsAreSentOneByOneAndTheTickEnds() {
		for (int i = 0; i < 60; i++) {
			this.table.add(1, "sent");
		}
		Row bad = this.table.add(3, "fail");
		relay().relayDue();
		// the batch with the bad row failed, its good rows went one by one, the bad one
		// waits
		assertThat(this.table.rows).containsOnlyKeys(bad.id());
		assertThat(this.table.retries).containsOnlyKeys(bad.id());
		assertThat(this.meters.counter("keyward.test.events.published", "type", "ISSUED").count()).isEqualTo(60);
	}

	private OutboxRelay<Row> relay() {
		OutboxRelay.Policy policy = new OutboxRelay.Policy("keyward.test.events", "test events", Duration.ofSeconds(30),
				Duration.ofSeconds(5), Duration.ofMinutes(1), 10);
		return new OutboxRelay<>(policy, this.table, this.sender, Clock.fixed(NOW, ZoneOffset.UTC), this.meters);
	}

	record Row(UUID id, String type, int attempts, String outcome) implements OutboxRelay.Pending {
	}

	static final class Sender implements OutboxRelay.Delivery<Row> {

		/** The size of each batch request that was sent. */
		final List<Integer> requests = new ArrayList<>();

		@Override
		public void publish(Row row) {
			if (!row.outcome().equals("sent")) {
				throw new IllegalStateException("down");
			}
		}

		@Override
		public void publishAll(List<Row> batch) {
			batch.forEach(this::publish);
			this.requests.add(batch.size());
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

		final Map<UUID, Row> rows = new LinkedHashMap<>();

		final Set<UUID> leased = new HashSet<>();

		int deletes;

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
			List<Row> due = this.rows.values()
				.stream()
				.filter((row) -> !this.leased.contains(row.id()))
				.limit(limit)
				.toList();
			due.forEach((row) -> this.leased.add(row.id()));
			return due;
		}

		@Override
		public void done(UUID id) {
			this.rows.remove(id);
			this.deletes++;
		}

		@Override
		public void doneAll(List<UUID> ids) {
			ids.forEach(this.rows::remove);
			this.deletes++;
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
