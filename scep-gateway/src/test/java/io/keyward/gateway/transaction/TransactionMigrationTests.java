package io.keyward.gateway.transaction;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.QueryPlans;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations on a database that already holds rows of the previous version: V3 (retry
 * schedule and stored CSR) over V2 rows, V4 (the device's algorithms) over V3 rows, V5
 * (approval) over V3 rows, V7 (renewal) over the rows before it; forward only, old rows
 * intact and open rows still open.
 */
class TransactionMigrationTests extends AbstractGatewayTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	V12__SealTransactionCsrs v12;

	@Autowired
	StoredCsr storedCsr;

	@Test
	void whenV7RowsHoldClearCsrsThenV12DropsClosedOnesAndSealsOpenOnes() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("7")) {
			String schema = scratch.name();
			byte[] clear = "0\u0000challengePassword-in-clear-7F3A".getBytes(StandardCharsets.US_ASCII);
			for (String status : new String[] { "RECEIVED", "WAITING_APPROVAL", "ISSUED", "FAILED" }) {
				this.jdbc.update(
						"insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
								+ "signer_key_sha256, csr_sha256, csr, subject, status, created_at, updated_at) "
								+ "values (?, 'default', ?, 'PKCSReq', 'aa', 'bb', ?, 'CN=v7', ?, now(), now())",
						UUID.randomUUID(), "TX-" + status, clear, status);
			}
			scratch.withJavaMigrations(this.v12).migrate();
			assertThat(this.jdbc.queryForObject(
					"select max(version::int) from " + schema + ".flyway_schema_history where success", Integer.class))
				.isGreaterThanOrEqualTo(12);
			Map<String, byte[]> csrs = new HashMap<>();
			this.jdbc.query("select transaction_id, csr from " + schema + ".transaction",
					(RowCallbackHandler) (rs) -> csrs.put(rs.getString(1), rs.getBytes(2)));
			assertThat(csrs.get("TX-ISSUED")).as("a closed transaction needs no CSR").isNull();
			assertThat(csrs.get("TX-FAILED")).isNull();
			for (String open : new String[] { "TX-RECEIVED", "TX-WAITING_APPROVAL" }) {
				assertThat(new String(csrs.get(open), StandardCharsets.ISO_8859_1))
					.doesNotContain("challengePassword-in-clear");
				assertThat(this.storedCsr.open(csrs.get(open))).as("an open transaction keeps its CSR, sealed")
					.isEqualTo(clear);
			}
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".transaction", Integer.class))
				.isEqualTo(4);
		}
	}

	@Test
	void whenV2RowsExistThenLaterMigrationsKeepThemAndAddRetryColumns() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("2")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, failure_reason, created_at, updated_at) "
					+ "values (?, 'default', 'TX-V2', 'PKCSReq', 'aa', 'bb', 'CN=old', 'RECEIVED', "
					+ "'ca-adapter unavailable: HTTP 503', now(), now())", UUID.randomUUID());
			scratch.migrate("3");
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

	@Test
	void whenV3RowsExistThenV7KeepsThemAndARenewalMayRepeatTheirTransactionId() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("3")) {
			String schema = scratch.name();
			insert(schema, "TX-V3", null);
			scratch.migrate();
			assertThat(this.jdbc.queryForMap("select status, renewal_of from " + schema + ".transaction"))
				.containsEntry("status", "ISSUED")
				.containsEntry("renewal_of", null);
			insert(schema, "TX-V3", "0A1B");
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".transaction", Integer.class))
				.isEqualTo(2);
			// read from the catalogue rather than provoked: a failing statement would
			// leave
			// the pooled connection on the scratch schema's search_path for the tests
			// after
			// this one
			assertThat(this.jdbc.queryForList(
					"select indexdef from pg_indexes where schemaname = ? and tablename = 'transaction'", String.class,
					schema))
				.anySatisfy((index) -> assertThat(index).contains("UNIQUE")
					.contains("profile")
					.contains("transaction_id")
					.contains("COALESCE(renewal_of"));
		}
	}

	private void insert(String schema, String transactionId, String renewalOf) {
		String renewalColumn = (renewalOf != null) ? ", renewal_of" : "";
		String renewalValue = (renewalOf != null) ? ", '" + renewalOf + "'" : "";
		this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
				+ "signer_key_sha256, csr_sha256, subject, status, created_at, updated_at" + renewalColumn
				+ ") values (?, 'default', ?, 'PKCSReq', 'aa', 'bb', 'CN=old', 'ISSUED', now(), now()" + renewalValue
				+ ")", UUID.randomUUID(), transactionId);
	}

	@Test
	void whenV18RowsExistThenV19IndexesThemForTheSearchAndKeepsThem() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway")
			.withJavaMigrations(this.v12)
			.migrate("18")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, certificate_serial, created_at, updated_at) "
					+ "values (?, 'default', 'TX-V18', 'PKCSReq', 'aa', 'bb', 'CN=V18-Device', 'ISSUED', 'FCB04A6', "
					+ "now(), now())", UUID.randomUUID());
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, status, created_at, updated_at) "
					+ "values (?, 'default', 'TX-V18-NO-SUBJECT', 'PKCSReq', 'aa', 'bb', 'FAILED', now(), now())",
					UUID.randomUUID());
			scratch.migrate("19");
			assertThat(this.jdbc.queryForList("select indexname from pg_indexes where schemaname = ?", String.class,
					schema))
				.contains("transaction_created_at_id_idx", "transaction_subject_lower_idx",
						"transaction_status_created_at_idx", "transaction_profile_created_at_idx",
						"transaction_transaction_id_idx", "transaction_certificate_serial_idx");
			assertThat(this.jdbc.queryForList("select transaction_id from " + schema + ".transaction t where "
					+ TransactionSearchSyntax.SUBJECT_KEY + " >= 'cn=v18' and " + TransactionSearchSyntax.SUBJECT_KEY
					+ " < 'cn=v19'", String.class))
				.containsExactly("TX-V18");
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".transaction", Integer.class))
				.isEqualTo(2);
		}
	}

	@Test
	void whenV20RowsExistThenV21DropsTheNarrowCreationIndexAndTheHistoryUsesTheWideOne() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway")
			.withJavaMigrations(this.v12)
			.migrate("20")) {
			String schema = scratch.name();
			insert(schema, "TX-V20-A", null);
			insert(schema, "TX-V20-B", null);
			assertThat(indexes(schema)).contains("transaction_created_at_idx", "transaction_created_at_id_idx");

			scratch.migrate();

			assertThat(indexes(schema)).doesNotContain("transaction_created_at_idx")
				.contains("transaction_created_at_id_idx");
			String newestFirst = "select transaction_id from " + schema
					+ ".transaction order by created_at desc, id limit 50";
			assertThat(this.jdbc.queryForList(newestFirst, String.class)).containsExactlyInAnyOrder("TX-V20-A",
					"TX-V20-B");
			assertThat(QueryPlans.withoutSequentialScans(this.jdbc, newestFirst))
				.contains("transaction_created_at_id_idx");
			// the overview's statistics: the last 30 days
			assertThat(QueryPlans.withoutSequentialScans(this.jdbc,
					"select created_at, status from " + schema
							+ ".transaction where created_at >= now() - interval '30 days'"))
				.contains("transaction_created_at_id_idx");
		}
	}

	@Test
	void whenV21RowsExistThenV22KeepsThemAndAnalyzeLeavesTheIssuedCertificateOut() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway")
			.withJavaMigrations(this.v12)
			.migrate("21")) {
			String schema = scratch.name();
			insert(schema, "TX-V21-A", null);
			insert(schema, "TX-V21-B", null);
			this.jdbc.update("update " + schema + ".transaction set certificate = ? where transaction_id = 'TX-V21-A'",
					new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07 });

			scratch.migrate();

			this.jdbc.execute("analyze " + schema + ".transaction");
			List<String> analyzed = this.jdbc.queryForList(
					"select attname from pg_stats where schemaname = ? and tablename = 'transaction'", String.class,
					schema);
			assertThat(analyzed).contains("transaction_id", "status", "created_at", "csr")
				.doesNotContain("certificate");
			assertThat(this.jdbc.queryForObject(
					"select certificate from " + schema + ".transaction where transaction_id = 'TX-V21-A'",
					byte[].class))
				.containsExactly(0x30, 0x03, 0x02, 0x01, 0x07);
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".transaction", Integer.class))
				.isEqualTo(2);
		}
	}

	private List<String> indexes(String schema) {
		return this.jdbc.queryForList(
				"select indexname from pg_indexes where schemaname = ? and tablename = 'transaction'", String.class,
				schema);
	}

	@Test
	void whenV19RowsHoldSubjectsInEitherOrderThenV20NamesEachRdnValueOnce() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway")
			.withJavaMigrations(this.v12)
			.migrate("19")) {
			String schema = scratch.name();
			String insert = "insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, created_at, updated_at) "
					+ "values (?, 'default', ?, 'PKCSReq', 'aa', 'bb', ?, 'ISSUED', now(), now())";
			this.jdbc.update(insert, UUID.randomUUID(), "TX-CN-FIRST", "CN=Device-7,O=Acme");
			this.jdbc.update(insert, UUID.randomUUID(), "TX-CN-LAST", "O=Acme\\, Inc.+OU=Fleet\\+Ops,CN=tablet-3");
			this.jdbc.update(insert, UUID.randomUUID(), "TX-NO-SUBJECT", null);

			scratch.migrate();

			assertThat(names(schema, "TX-CN-FIRST")).containsExactly("acme", "device-7");
			assertThat(names(schema, "TX-CN-LAST")).containsExactly("acme, inc.", "fleet+ops", "tablet-3");
			assertThat(names(schema, "TX-NO-SUBJECT")).isEmpty();
			String byWord = "select t.transaction_id from " + schema + ".transaction t where t.id in (select "
					+ "n.request_id from " + schema + ".transaction_name n where n.name >= 'acme' and n.name < 'acmf') "
					+ "order by t.transaction_id";
			assertThat(this.jdbc.queryForList(byWord, String.class)).containsExactly("TX-CN-FIRST", "TX-CN-LAST");
			assertThat(QueryPlans.withoutSequentialScans(this.jdbc, byWord)).contains("transaction_name_pkey");
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".transaction", Integer.class))
				.isEqualTo(3);
		}
	}

	private List<String> names(String schema, String transactionId) {
		return this.jdbc.queryForList(
				"select n.name from " + schema + ".transaction_name n join " + schema
						+ ".transaction t on t.id = n.request_id where t.transaction_id = ? order by n.name",
				String.class, transactionId);
	}

}
