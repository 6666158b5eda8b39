package io.keyward.gateway.transaction;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations on a database that already holds rows of the previous version: V3 (retry
 * schedule and stored CSR) over V2 rows, V5 (approval) over V3 rows; forward only, old
 * rows intact and open rows still open.
 */
class TransactionMigrationTests extends AbstractGatewayTests {

	@Autowired
	DataSource dataSource;

	@Test
	void whenV2RowsExistThenV3KeepsThemAndAddsRetryColumns() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("2")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, failure_reason, created_at, updated_at) "
					+ "values (?, 'default', 'TX-V2', 'PKCSReq', 'aa', 'bb', 'CN=old', 'RECEIVED', "
					+ "'ca-adapter unavailable: HTTP 503', now(), now())", UUID.randomUUID());
			scratch.migrate();
			Map<String, Object> row = this.jdbc.queryForMap("select transaction_id, status, subject, failure_reason, "
					+ "csr, attempts, next_attempt_at from " + schema + ".transaction");
			assertThat(row).containsEntry("transaction_id", "TX-V2")
				.containsEntry("status", "RECEIVED")
				.containsEntry("subject", "CN=old")
				.containsEntry("failure_reason", "ca-adapter unavailable: HTTP 503")
				.containsEntry("attempts", 0);
			assertThat(row.get("csr")).isNull();
			assertThat(row.get("next_attempt_at")).isNull();
			assertThat(this.jdbc.queryForObject(
					"select max(version) from " + schema + ".flyway_schema_history where success", String.class))
				.isEqualTo("5");
		}
	}

	@Test
	void whenCurrentRowsExistThenV5KeepsThemUndecidedAndRaKeysCurrent() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("3")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, csr, subject, status, certificate_serial, created_at, "
					+ "updated_at, attempts) values (?, 'default', 'TX-V3', 'PKCSReq', 'aa', 'bb', ?, 'CN=v3', "
					+ "'ISSUED', '0A1B', now(), now(), 2)", UUID.randomUUID(), new byte[] { 1, 2 });
			this.jdbc.update(
					"insert into " + schema + ".ra_key (id, purpose, certificate, sealed_private_key, "
							+ "serial_number, not_after, created_at) values (?, 'signing', ?, ?, '0C', now(), now())",
					UUID.randomUUID(), new byte[] { 3 }, new byte[] { 4 });
			scratch.migrate();
			assertThat(this.jdbc.queryForObject("select state from " + schema + ".ra_key", String.class))
				.as("an RA key from before V5 is the current one")
				.isEqualTo("CURRENT");
			Map<String, Object> row = this.jdbc.queryForMap("select status, certificate_serial, attempts, template, "
					+ "decision, decided_by, approval_expires_at from " + schema + ".transaction");
			assertThat(row).containsEntry("status", "ISSUED")
				.containsEntry("certificate_serial", "0A1B")
				.containsEntry("attempts", 2);
			assertThat(row.get("template")).isNull();
			assertThat(row.get("decision")).isNull();
			assertThat(row.get("decided_by")).isNull();
			assertThat(row.get("approval_expires_at")).isNull();
			// the new check constraints, read from the catalogue
			this.jdbc
				.update("update " + schema + ".transaction set status = 'WAITING_APPROVAL', decision = 'APPROVED'");
			assertThat(this.jdbc.queryForList("select pg_get_constraintdef(oid) from pg_constraint "
					+ "where conrelid = '" + schema + ".transaction'::regclass and contype = 'c'", String.class))
				.anySatisfy((check) -> assertThat(check).contains("WAITING_APPROVAL").doesNotContain("PENDING"))
				.anySatisfy((check) -> assertThat(check).contains("APPROVED").contains("REJECTED"));
		}
	}

}
