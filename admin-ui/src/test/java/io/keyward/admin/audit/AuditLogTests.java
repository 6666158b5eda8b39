package io.keyward.admin.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keyward.admin.AdminUiTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hash chain against the real database: untouched it verifies; a record altered or
 * deleted by SQL (past the trigger, as the table's owner could) is named as the first
 * break; concurrent writers make one chain.
 */
class AuditLogTests extends AdminUiTestSupport {

	@Autowired
	AdminActions actions;

	@Autowired
	AuditVerification verification;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void whenUntouchedThenVerificationSaysIntact() {
		this.actions.record("admin:alice", "test_action", "thing:1", "detail with ünïcödé and \"quotes\"");
		this.actions.record("token:ci", "test_action", "thing:2", null);

		AuditVerdict verdict = this.verification.verify();

		assertThat(verdict.intact()).as(verdict.problem()).isTrue();
		assertThat(verdict.records()).isEqualTo(verdict.headSeq()).isGreaterThanOrEqualTo(2);
		assertThat(verdict.firstBroken()).isNull();
	}

	@Test
	void whenRecordAlteredBySqlThenVerificationNamesIt() {
		long seq = recordThree();
		String detail = this.jdbc.queryForObject("select detail from admin.audit_record where seq = ?", String.class,
				seq);
		try {
			bypassTrigger("update admin.audit_record set detail = 'reason=superseded' where seq = " + seq);

			AuditVerdict verdict = this.verification.verify();

			assertThat(verdict.intact()).isFalse();
			assertThat(verdict.firstBroken()).isEqualTo(seq);
			assertThat(verdict.problem()).contains("record " + seq + " was altered");
		}
		finally {
			bypassTrigger("update admin.audit_record set detail = '" + detail + "' where seq = " + seq);
		}
		assertThat(this.verification.verify().intact()).isTrue();
	}

	@Test
	void whenRecordDeletedBySqlThenVerificationNamesTheGap() {
		long seq = recordThree();
		Map<String, Object> row = this.jdbc.queryForMap("select * from admin.audit_record where seq = ?", seq);
		try {
			bypassTrigger("delete from admin.audit_record where seq = " + seq);

			AuditVerdict verdict = this.verification.verify();

			assertThat(verdict.intact()).isFalse();
			assertThat(verdict.firstBroken()).isEqualTo(seq);
			assertThat(verdict.problem()).contains("record " + seq + " is missing");
		}
		finally {
			restore(row);
		}
		assertThat(this.verification.verify().intact()).isTrue();
	}

	@Test
	void whenLastRecordDeletedBySqlThenTheHeadGivesItAway() {
		recordThree();
		long last = this.jdbc.queryForObject("select max(seq) from admin.audit_record", Long.class);
		Map<String, Object> row = this.jdbc.queryForMap("select * from admin.audit_record where seq = ?", last);
		try {
			bypassTrigger("delete from admin.audit_record where seq = " + last);

			AuditVerdict verdict = this.verification.verify();

			assertThat(verdict.intact()).isFalse();
			assertThat(verdict.firstBroken()).isEqualTo(last);
			assertThat(verdict.problem()).contains("the last records were deleted");
		}
		finally {
			restore(row);
		}
	}

	@Test
	void whenApplicationRoleUpdatesOrDeletesThenTheDatabaseRefuses() {
		long seq = recordThree();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("update admin.audit_record set actor = 'x' where seq = ?", seq))
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("delete from admin.audit_record where seq = ?", seq))
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("update admin.audit_head set seq = 1"))
			.withMessageContaining("append-only");
	}

	@Test
	void whenManyWritersAtOnceThenOneChainWithoutGaps() throws Exception {
		long before = this.jdbc.queryForObject("select seq from admin.audit_head", Long.class);
		int writers = 6;
		int each = 10;
		CountDownLatch ready = new CountDownLatch(writers);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				String actor = "token:writer" + w;
				done.add(pool.submit(() -> {
					ready.countDown();
					ready.await();
					for (int i = 0; i < each; i++) {
						this.actions.record(actor, "test_concurrent", "thing:" + i, null);
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(this.jdbc.queryForObject("select seq from admin.audit_head", Long.class))
			.isEqualTo(before + writers * each);
		assertThat(this.verification.verify().intact()).isTrue();
	}

	@Test
	void whenRecordedThenCountedByAction() {
		double before = this.meters.counter("keyward.audit.records", "action", "test_counted").count();

		this.actions.record("admin:alice", "test_counted", "thing:1", null);

		assertThat(this.meters.counter("keyward.audit.records", "action", "test_counted").count())
			.isEqualTo(before + 1);
	}

	private long recordThree() {
		for (int i = 0; i < 3; i++) {
			this.actions.record("admin:alice", "test_tamper", "thing:" + i, "reason=keyCompromise");
		}
		return this.jdbc.queryForObject("select max(seq) - 1 from admin.audit_record", Long.class);
	}

	/**
	 * What the table's owner could do: switch the trigger off, change rows, switch it on.
	 */
	private void bypassTrigger(String sql) {
		this.jdbc.execute("alter table admin.audit_record disable trigger audit_record_append_only");
		try {
			this.jdbc.execute(sql);
		}
		finally {
			this.jdbc.execute("alter table admin.audit_record enable trigger audit_record_append_only");
		}
	}

	private void restore(Map<String, Object> row) {
		this.jdbc.update(
				"insert into admin.audit_record (seq, at, actor, action, target, detail, prev_hash, hash) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?)",
				row.get("seq"), row.get("at"), row.get("actor"), row.get("action"), row.get("target"),
				row.get("detail"), row.get("prev_hash"), row.get("hash"));
	}

}
