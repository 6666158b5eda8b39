package io.keyward.admin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database whose admin_action table (V2) holds rows: V5 moves them into the
 * audit log in their order, chained by SQL exactly as {@link AuditChain} chains in Java.
 */
class AuditMigrationTests extends AdminUiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenAdminActionsExistThenTheyBecomeTheFirstChainedRecords() throws Exception {
		try (ScratchSchema schema = ScratchSchema.of(this.dataSource, "admin").migrate("4")) {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			String table = schema.name() + ".admin_action";
			Instant first = Instant.parse("2026-11-01T10:00:00.123456789Z");
			jdbc.update("insert into " + table + " (actor, action, target, detail, at) values (?, ?, ?, ?, ?)",
					"token:ci", "token_created", "token:ci", "scopes=certificates:read", Timestamp.from(first));
			jdbc.update("insert into " + table + " (actor, action, target, detail, at) values (?, ?, ?, ?, ?)",
					"admin:jürgen", "certificate_revoked", "certificate:0A1B", null,
					Timestamp.from(first.plusSeconds(60)));

			schema.migrate();

			List<AuditRecord> records = jdbc.query(
					"select " + AuditLog.COLUMNS + " from " + schema.name() + ".audit_record order by seq",
					AuditLog::record);
			assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L);
			assertThat(records).extracting(AuditRecord::actor).containsExactly("token:ci", "admin:jürgen");
			assertThat(records.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
			assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).hash());
			for (AuditRecord record : records) {
				assertThat(AuditChain.hash(record)).as("record %d", record.seq()).isEqualTo(record.hash());
			}
			assertThat(jdbc.queryForObject("select hash from " + schema.name() + ".audit_head", String.class))
				.isEqualTo(records.get(1).hash());
			assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_schema = ? "
					+ "and table_name = 'admin_action'", Long.class, schema.name()))
				.isZero();
		}
	}

}
