package io.keyward.ca.issuance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.keyward.ca.CaAdapterTest;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Upgrading a database the V1 ca-adapter wrote: its rows stay as they were, including
 * transactionIDs it issued for twice (V1 did not deduplicate), and from then on a request
 * is stored once per transactionID and CSR.
 */
@CaAdapterTest
class IdempotencyMigrationTests {

	/** Only stored, never parsed: any bytes do. */
	private static final byte[] CSR = { 0x30, 0x03, 0x02, 0x01, 0x01 };

	private static final String CSR_SHA256 = sha256(CSR);

	@Autowired
	JdbcTemplate jdbc;

	private ScratchSchema scratch;

	private String schema;

	@BeforeEach
	void scratchSchema() {
		this.scratch = ScratchSchema.of(this.jdbc.getDataSource(), "ca");
		this.schema = this.scratch.name();
	}

	@AfterEach
	void dropSchema() throws SQLException {
		this.scratch.close();
	}

	@Test
	void whenAV1DatabaseIsMigratedThenItsRowsAreKeptAndRequestsAreUniquePerTransactionAndCsr() {
		migrate("1");
		long firstRequest = insertRequest("tx-v1", null);
		long secondRequest = insertRequest("tx-v1", null);
		insertCertificate(firstRequest, "0A");
		insertCertificate(secondRequest, "0B");

		migrate("2");

		List<Map<String, Object>> requests = this.jdbc.queryForList(
				"select id, transaction_id, csr_sha256, csr from " + this.schema + ".certificate_request order by id");
		assertThat(requests).hasSize(2).allSatisfy((row) -> {
			assertThat(row.get("transaction_id")).isEqualTo("tx-v1");
			assertThat(row.get("csr_sha256")).isNull();
			assertThat(row.get("csr")).isEqualTo(CSR);
		});
		assertThat(requests).extracting((row) -> row.get("id")).containsExactly(firstRequest, secondRequest);
		assertThat(this.jdbc.queryForList(
				"select serial from " + this.schema + ".certificate where transaction_id = 'tx-v1' order by id",
				String.class))
			.containsExactly("0A", "0B");
		assertThat(this.jdbc.queryForObject("select indexdef from pg_indexes where schemaname = ? and indexname = ?",
				String.class, this.schema, CertificateStore.UNIQUE_REQUEST))
			.contains("UNIQUE INDEX")
			.contains("(transaction_id, csr_sha256)")
			.contains("WHERE ((transaction_id IS NOT NULL) AND (csr_sha256 IS NOT NULL))");

		long issued = insertRequest("tx-v1", CSR_SHA256);
		insertCertificate(issued, "0C");
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insertRequest("tx-v1", CSR_SHA256))
			.withMessageContaining(CertificateStore.UNIQUE_REQUEST);
		assertThat(insertRequest("tx-v2", CSR_SHA256)).isPositive();
		assertThat(insertRequest(null, CSR_SHA256)).isPositive();
		assertThat(insertRequest(null, CSR_SHA256)).isPositive();
		assertThat(this.jdbc.queryForObject(
				"select c.serial from " + this.schema + ".certificate_request r join " + this.schema
						+ ".certificate c on c.request_id = r.id where r.transaction_id = ? and r.csr_sha256 = ?",
				String.class, "tx-v1", CSR_SHA256))
			.isEqualTo("0C");
	}

	@Test
	void whenAV2DatabaseIsMigratedThenRenewalsOfARepeatedTransactionAndCsrCanBeStored() {
		migrate("2");
		long enrolled = insertRequest("tx-v2", CSR_SHA256);
		insertCertificate(enrolled, "1A");

		migrate("latest");

		assertThat(this.jdbc
			.queryForMap("select renewal_of, replaced_by from " + this.schema + ".certificate where serial = '1A'"))
			.containsEntry("renewal_of", null)
			.containsEntry("replaced_by", null);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insertRequest("tx-v2", CSR_SHA256))
			.withMessageContaining(CertificateStore.UNIQUE_REQUEST);
		long renewal = insertRenewalRequest("tx-v2", CSR_SHA256, "1A");
		assertThat(renewal).isPositive();
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> insertRenewalRequest("tx-v2", CSR_SHA256, "1A"))
			.withMessageContaining(CertificateStore.UNIQUE_REQUEST);
	}

	private long insertRenewalRequest(String transactionId, String csrSha256, String renewalOf) {
		return this.jdbc.queryForObject(
				"insert into " + this.schema + ".certificate_request (transaction_id, profile, "
						+ "template, csr, subject, requested_at, status, csr_sha256, renewal_of) values (?, 'devices', "
						+ "'default', ?, 'CN=upgraded', ?, 'ISSUED', ?, ?) returning id",
				Long.class, transactionId, CSR, now(), csrSha256, renewalOf);
	}

	private void migrate(String target) {
		this.scratch.migrate(target);
	}

	/** The columns V1 has, plus {@code csr_sha256} when given. */
	private long insertRequest(String transactionId, String csrSha256) {
		String columns = "transaction_id, profile, template, csr, subject, requested_at, status";
		String values = "?, 'devices', 'default', ?, 'CN=upgraded', ?, 'ISSUED'";
		if (csrSha256 == null) {
			return this.jdbc.queryForObject("insert into " + this.schema + ".certificate_request (" + columns
					+ ") values (" + values + ") returning id", Long.class, transactionId, CSR, now());
		}
		return this.jdbc.queryForObject("insert into " + this.schema + ".certificate_request (" + columns
				+ ", csr_sha256) values (" + values + ", ?) returning id", Long.class, transactionId, CSR, now(),
				csrSha256);
	}

	private void insertCertificate(long requestId, String serial) {
		this.jdbc.update("insert into " + this.schema + ".certificate (serial, request_id, subject, sans, not_before, "
				+ "not_after, profile, template, transaction_id, pem, issued_at) select ?, id, subject, '{}', ?, ?, "
				+ "profile, template, transaction_id, 'PEM', ? from " + this.schema
				+ ".certificate_request where id = ?", serial, now(), now().plusDays(365), now(), requestId);
	}

	private static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
