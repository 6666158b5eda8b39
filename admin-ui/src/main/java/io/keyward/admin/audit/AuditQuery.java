package io.keyward.admin.audit;

/**
 * A page of the audit log, newest first.
 *
 * @param actor only this actor, exactly; null for all
 * @param action only this action, exactly; null for all
 * @param before only records older than this sequence number (keyset paging); null to
 * start with the newest
 * @param limit at most this many records
 */
public record AuditQuery(String actor, String action, Long before, int limit) {

	public static final int MAX_LIMIT = 1000;

	public AuditQuery {
		actor = blankToNull(actor);
		action = blankToNull(action);
		limit = Math.clamp(limit, 1, MAX_LIMIT);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
