package io.keyward.gateway.refusal;

import java.sql.Timestamp;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the refusal table within {@link RefusalRetention}: drops refusals older than
 * {@code max-age}, then all but the newest {@code max-rows}. Counted in
 * {@code keyward.gateway.refusals.purged} and logged as {@code event=refusals_purged}.
 */
@Component
public class RefusalPurge {

	private static final Logger log = LoggerFactory.getLogger(RefusalPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final RefusalRetention retention;

	private final MeterRegistry meters;

	private final RefusalLog refusals;

	RefusalPurge(JdbcClient jdbc, Clock clock, RefusalRetention retention, MeterRegistry meters, RefusalLog refusals) {
		this.refusals = refusals;
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
		this.meters = meters;
	}

	@Scheduled(initialDelayString = "${keyward.gateway.refusals.purge-interval:5m}",
			fixedDelayString = "${keyward.gateway.refusals.purge-interval:5m}")
	void scheduled() {
		purge();
	}

	/**
	 * @return how many refusals were dropped
	 */
	public int purge() {
		int old = this.jdbc.sql("delete from refusal where occurred_at < :cutoff")
			.param("cutoff", Timestamp.from(this.clock.instant().minus(this.retention.maxAge())))
			.update();
		int beyond = this.jdbc.sql("""
				delete from refusal where id <= (
				    select id from refusal order by id desc offset :keep limit 1)""")
			.param("keep", this.retention.maxRows())
			.update();
		this.refusals.purged();
		int total = old + beyond;
		if (total > 0) {
			this.meters.counter("keyward.gateway.refusals.purged").increment(total);
			log.info("event=refusals_purged count={} older={} beyondRows={}", total, old, beyond);
		}
		return total;
	}

}
