package io.keyward.admin.audit;

import java.util.List;

import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit log from its first record and recomputes the chain: a record whose
 * fields no longer give its hash was altered, a record whose sequence number or previous
 * hash does not follow its predecessor comes after a deleted one, and a log that ends
 * before the head row's sequence number lost its last records. Reports the first break.
 */
@Component
public class AuditVerification {

	private static final Logger log = LoggerFactory.getLogger(AuditVerification.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	AuditVerification(JdbcClient jdbc, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
	}

	/**
	 * Reads in one repeatable-read snapshot, so records appended meanwhile neither count
	 * nor break the walk.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public AuditVerdict verify() {
		AuditLog.Head head = this.auditLog.head();
		AuditVerdict verdict = walk(head);
		if (verdict.intact()) {
			log.info("event=audit_verified intact=true records={}", verdict.records());
		}
		else {
			log.warn("event=audit_verified intact=false records={} first_broken={} problem=\"{}\"", verdict.records(),
					verdict.firstBroken(), LogText.printable(verdict.problem()));
		}
		return verdict;
	}

	private AuditVerdict walk(AuditLog.Head head) {
		long expectedSeq = 1;
		String expectedPrevious = AuditChain.GENESIS;
		long checked = 0;
		List<AuditRecord> batch = next(0);
		while (!batch.isEmpty()) {
			for (AuditRecord record : batch) {
				if (record.seq() != expectedSeq) {
					return AuditVerdict.broken(checked, head.seq(), expectedSeq, "record " + expectedSeq
							+ " is missing (deleted): the log goes on with record " + record.seq());
				}
				if (!record.previousHash().equals(expectedPrevious)) {
					return AuditVerdict.broken(checked, head.seq(), record.seq(), "record " + record.seq()
							+ " does not chain to record " + (record.seq() - 1) + " (replaced or re-chained)");
				}
				if (!AuditChain.hash(record).equals(record.hash())) {
					return AuditVerdict.broken(checked, head.seq(), record.seq(),
							"record " + record.seq() + " was altered: its contents do not give its hash");
				}
				checked++;
				expectedSeq++;
				expectedPrevious = record.hash();
			}
			batch = next(expectedSeq - 1);
		}
		if (head.seq() != checked || !head.hash().equals(expectedPrevious)) {
			return AuditVerdict.broken(checked, head.seq(), expectedSeq, "the log ends at record " + checked
					+ " but its head says " + head.seq() + ": the last records were deleted or replaced");
		}
		return AuditVerdict.ok(checked, head.seq());
	}

	private List<AuditRecord> next(long after) {
		return this.jdbc
			.sql("select " + AuditLog.COLUMNS + " from admin.audit_record where seq > :after order by seq limit :limit")
			.param("after", after)
			.param("limit", BATCH)
			.query(AuditLog::record)
			.list();
	}

}
