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
 * Migration V3 (retry schedule and stored CSR) on a database that already holds V2 rows:
 * forward only, old rows intact and open rows still open.
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
				.isEqualTo("3");
		}
	}

}
