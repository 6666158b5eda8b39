package io.keyward.gateway.transaction;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.keyward.gateway.AbstractGatewayTests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: closed transactions lose their request after their retention (refused ones
 * sooner), open ones keep it, and the summary stays. Defaults: 7 days after issuance, 1
 * day after a refusal.
 */
class TransactionPurgeTests extends AbstractGatewayTests {

	private static final String PROFILE = "purge-tests";

	@Autowired
	TransactionPurge purge;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void removeRows() {
		this.jdbc.update("delete from gateway.transaction where profile = ?", PROFILE);
	}

	@Test
	void whenTheClockPassesEachRetentionThenClosedTransactionsLoseTheirCsrAndKeepTheirSummary() {
		for (String status : new String[] { "RECEIVED", "WAITING_APPROVAL", "ISSUED", "FAILED" }) {
			insert(status);
		}
		double purgedFailed = purged("FAILED");

		this.clock.advance(Duration.ofHours(23));
		this.purge.purge();
		assertThat(withCsr()).containsExactlyInAnyOrder("RECEIVED", "WAITING_APPROVAL", "ISSUED", "FAILED");

		this.clock.advance(Duration.ofHours(2));
		this.purge.purge();
		assertThat(withCsr()).as("a refused transaction's request goes after a day")
			.containsExactlyInAnyOrder("RECEIVED", "WAITING_APPROVAL", "ISSUED");
		// at least ours: other tests' refused transactions in the shared database count
		// too
		assertThat(purged("FAILED")).isGreaterThanOrEqualTo(purgedFailed + 1);

		this.clock.advance(Duration.ofDays(7));
		this.purge.purge();
		assertThat(withCsr()).as("open transactions keep theirs: the finisher and the approval need it")
			.containsExactlyInAnyOrder("RECEIVED", "WAITING_APPROVAL");
		assertThat(this.jdbc.queryForObject("select count(*) from gateway.transaction where profile = ? "
				+ "and subject = 'CN=purged' and csr_sha256 = 'bb'", Integer.class, PROFILE))
			.as("the summary stays")
			.isEqualTo(4);
	}

	private java.util.List<String> withCsr() {
		return this.jdbc.queryForList("select status from gateway.transaction where profile = ? and csr is not null",
				String.class, PROFILE);
	}

	private double purged(String status) {
		var counter = this.meters.find("keyward.gateway.transactions.purged").tag("status", status).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void insert(String status) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		this.jdbc.update(
				"insert into gateway.transaction (id, profile, transaction_id, message_type, "
						+ "signer_key_sha256, csr_sha256, csr, subject, status, created_at, updated_at) "
						+ "values (?, ?, ?, 'PKCSReq', 'aa', 'bb', ?, 'CN=purged', ?, ?, ?)",
				UUID.randomUUID(), PROFILE, "TX-PURGE-" + status, new byte[] { 1, 2, 3 }, status, now, now);
	}

}
