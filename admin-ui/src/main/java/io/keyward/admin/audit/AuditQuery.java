package io.keyward.admin.audit;

import static io.keyward.admin.web.FormValues.blankToNull;

/**
 * A page of the audit log, newest first unless {@code oldestFirst}.
 *
 * @param actor only this actor, exactly; null for all
 * @param action only this action, exactly; null for all
 * @param text only records whose actor, target or detail contain this text (any case);
 * null for all
 * @param before only records older than this sequence number (keyset paging, newest
 * first); null to start with the newest
 * @param after only records newer than this sequence number (keyset paging, oldest
 * first); null to start with the oldest
 * @param oldestFirst the order: by sequence number, which is the order of time
 * @param limit at most this many records
 */
public record AuditQuery(String actor, String action, String text, Long before, Long after, boolean oldestFirst,
		int limit) {

	public static final int MAX_LIMIT = 1000;

	/** The longest text filter. */
	public static final int MAX_TEXT = 255;

	public AuditQuery {
		actor = blankToNull(actor);
		action = blankToNull(action);
		text = blankToNull(text);
		if (text != null && text.length() > MAX_TEXT) {
			text = text.substring(0, MAX_TEXT);
		}
		limit = Math.clamp(limit, 1, MAX_LIMIT);
	}

	/**
	 * Newest first, by actor and action only.
	 */
	public AuditQuery(String actor, String action, Long before, int limit) {
		this(actor, action, null, before, null, false, limit);
	}

	/**
	 * @param seq the last record of this page
	 * @return the query for the records after it in this order
	 */
	public AuditQuery next(long seq) {
		return this.oldestFirst ? new AuditQuery(this.actor, this.action, this.text, null, seq, true, this.limit)
				: new AuditQuery(this.actor, this.action, this.text, seq, null, false, this.limit);
	}

}
