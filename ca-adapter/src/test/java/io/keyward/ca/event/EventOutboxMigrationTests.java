package io.keyward.ca.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the ca-adapter wrote before event webhooks (V10): its certificates
 * read as not yet warned of their expiry, so the first scan announces those within the
 * warning once, and the outbox starts empty.
 */
@CaAdapterTest
class EventOutboxMigrationTests extends CaMigrationTests {

	@Test
	void whenAnOlderDatabaseIsMigratedThenItsCertificatesAreNotYetWarnedAndTheOutboxIsEmpty() {
		String schema = this.scratch.migrate("10").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long request = this.jdbc.queryForObject("insert into " + schema + ".certificate_request (transaction_id, "
				+ "profile, template, csr, subject, requested_at, status, csr_sha256) values ('tx-old', 'devices', "
				+ "'default', '\\x3003020101', 'CN=upgraded', ?, 'ISSUED', 'ab') returning id", Long.class, now);
		this.jdbc.update(
				"insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
						+ "not_after, profile, template, transaction_id, pem, issued_at, ca_name) values ('0C', ?, "
						+ "'CN=upgraded', '{dns:a.example}', ?, ?, 'devices', 'default', 'tx-old', 'PEM', ?, 'root')",
				request, now.minusDays(350), now.plusDays(15), now.minusDays(350));

		this.scratch.withJavaMigrations(new io.keyward.ca.issuance.V11__StripChallengePasswords()).migrate();

		assertThat(this.jdbc.queryForObject(
				"select count(*) from " + schema + ".certificate where expiry_warned_at is null and not_after < ?",
				Integer.class, now.plusDays(30)))
			.isOne();
		assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".event_outbox", Integer.class))
			.isZero();
	}

}
