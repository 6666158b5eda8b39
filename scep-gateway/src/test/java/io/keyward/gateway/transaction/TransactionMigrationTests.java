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
 * Migrations on a database that already holds rows of the version before: V3 (retry
 * schedule and stored CSR) over V2 rows, V4 (the device's algorithms) over V3 rows;
 * forward only, old rows intact and open rows still open.
 */
class TransactionMigrationTests extends AbstractGatewayTests {

	@Autowired
	DataSource dataSource;

	@Test
	void whenV2RowsExistThenLaterMigrationsKeepThemAndAddRetryColumns() throws Exception {
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
				.isEqualTo("4");
		}
	}

	@Test
	void whenV3RowsExistThenV4KeepsThemWithoutAlgorithms() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("3")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, csr, attempts, created_at, updated_at) "
					+ "values (?, 'default', 'TX-V3', 'PKCSReq', 'aa', 'bb', 'CN=v3', 'RECEIVED', ?, 2, now(), now())",
					UUID.randomUUID(), new byte[] { 0x30, 0x00 });
			scratch.migrate();
			Map<String, Object> row = this.jdbc.queryForMap("select transaction_id, status, subject, attempts, csr, "
					+ "content_encryption_algorithm, key_transport_algorithm, digest_algorithm, signature_algorithm "
					+ "from " + schema + ".transaction");
			assertThat(row).containsEntry("transaction_id", "TX-V3")
				.containsEntry("status", "RECEIVED")
				.containsEntry("subject", "CN=v3")
				.containsEntry("attempts", 2)
				.containsEntry("content_encryption_algorithm", null)
				.containsEntry("key_transport_algorithm", null)
				.containsEntry("digest_algorithm", null)
				.containsEntry("signature_algorithm", null);
			assertThat((byte[]) row.get("csr")).containsExactly(0x30, 0x00);
		}
	}

}
