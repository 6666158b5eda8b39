package io.keyward.gateway.transaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drops the PKCS#10 request of closed transactions past their
 * {@link TransactionRetention} (issue 13: nothing ever deleted them), in batches so no
 * statement holds many rows. Open transactions (RECEIVED, WAITING_APPROVAL) keep theirs:
 * the finisher and the approval still need it. Counted in
 * {@code keyward.gateway.transactions.purged} (tag {@code status}) and logged as
 * {@code event=transactions_purged}.
 */
@Component
public class TransactionPurge {

	private static final Logger log = LoggerFactory.getLogger(TransactionPurge.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionRetention retention;

	private final MeterRegistry meters;

	TransactionPurge(JdbcClient jdbc, Clock clock, TransactionRetention retention, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
		this.meters = meters;
	}

	@Scheduled(initialDelayString = "${keyward.gateway.retention.purge-interval:1h}",
			fixedDelayString = "${keyward.gateway.retention.purge-interval:1h}")
	void scheduled() {
		purge();
	}

	/**
	 * @return how many transactions lost their request
	 */
	public int purge() {
		Instant now = this.clock.instant();
		return purge(TransactionStatus.ISSUED, now.minus(this.retention.issuedCsr()))
				+ purge(TransactionStatus.FAILED, now.minus(this.retention.failedCsr()));
	}

	private int purge(TransactionStatus status, Instant closedBefore) {
		long started = System.nanoTime();
		int total = 0;
		int batch;
		do {
			batch = this.jdbc.sql("""
					update transaction set csr = null where id in (
					    select id from transaction where status = :status and status in ('ISSUED', 'FAILED')
					        and csr is not null and updated_at < :cutoff
					    limit :batch)
					""")
				.param("status", status.name())
				.param("cutoff", TransactionClaims.utc(closedBefore))
				.param("batch", BATCH)
				.update();
			total += batch;
		}
		while (batch == BATCH);
		if (total > 0) {
			this.meters.counter("keyward.gateway.transactions.purged", "status", status.name()).increment(total);
			log.info("event=transactions_purged status={} count={} closed_before={} duration_ms={}", status, total,
					closedBefore, Duration.ofNanos(System.nanoTime() - started).toMillis());
		}
		return total;
	}

}
