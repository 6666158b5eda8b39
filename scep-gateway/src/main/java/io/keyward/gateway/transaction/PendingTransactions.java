package io.keyward.gateway.transaction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pending queue an operator watches: {@code keyward.gateway.transactions.pending},
 * the transactions received and not completed, in flight for a moment or waiting for an
 * unavailable challenge-service or ca-adapter while their device is answered PENDING and
 * polls (RFC 8894 section 3.3.3). A queue that grows means the finisher cannot complete
 * them; the ones waiting for an admin are {@code keyward.gateway.approvals.pending}. Read
 * at each scrape, through the finisher's partial index on {@code status = 'RECEIVED'}.
 */
@Component
class PendingTransactions {

	private final JdbcClient jdbc;

	PendingTransactions(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		Gauge.builder("keyward.gateway.transactions.pending", this, PendingTransactions::count)
			.description("SCEP transactions received and not completed (waiting for the challenge-service or the CA)")
			.register(meters);
	}

	private double count() {
		Long count = this.jdbc.sql("select count(*) from transaction where status = 'RECEIVED'")
			.query(Long.class)
			.single();
		return (count != null) ? count : 0;
	}

}
