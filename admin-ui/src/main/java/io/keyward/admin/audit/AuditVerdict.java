package io.keyward.admin.audit;

/**
 * The outcome of checking the audit log's hash chain.
 *
 * @param intact whether every record is as written and none is missing
 * @param records how many records were checked
 * @param headSeq the sequence number of the chain's end as the head row keeps it
 * @param firstBroken the sequence number of the first record that is altered, or that
 * follows a deleted one, or the first deleted one after the end; null when intact
 * @param problem what is wrong there, in words; null when intact
 */
public record AuditVerdict(boolean intact, long records, long headSeq, Long firstBroken, String problem) {

	static AuditVerdict ok(long records, long headSeq) {
		return new AuditVerdict(true, records, headSeq, null, null);
	}

	static AuditVerdict broken(long records, long headSeq, long firstBroken, String problem) {
		return new AuditVerdict(false, records, headSeq, firstBroken, problem);
	}

}
