package io.keyward.admin.audit;

import static io.keyward.admin.web.FormValues.blankToNull;

import io.keyward.admin.web.ApiProblem;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.KeysetCursor;

import org.springframework.http.HttpStatus;

/**
 * A page of the audit log.
 *
 * @param actor only this actor, exactly; null for all
 * @param action only this action, exactly; null for all
 * @param text only records whose actor, target or detail contain this text (any case);
 * null for all
 * @param sort the order ({@link AuditSort}; ties by sequence number)
 * @param after only the records after this position in that order (keyset paging); null
 * to start at the beginning
 * @param limit at most this many records
 */
public record AuditQuery(String actor, String action, String text, AuditSort sort, Position after, int limit) {

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
		sort = (sort != null) ? sort : AuditSort.NEWEST_FIRST;
		limit = Math.clamp(limit, 1, MAX_LIMIT);
	}

	/**
	 * The first page in an order.
	 */
	public AuditQuery(String actor, String action, String text, AuditSort sort, int limit) {
		this(actor, action, text, sort, null, limit);
	}

	/**
	 * Where a page ended: the last record's sort key and sequence number.
	 *
	 * @param key the sort key as text (the sequence number when sorted by time)
	 * @param seq the sequence number, the tie-breaker
	 */
	public record Position(String key, long seq) {
	}

	/**
	 * @param last the last record of this page
	 * @return the query for the records after it in this order
	 */
	public AuditQuery next(AuditRecord last) {
		return new AuditQuery(this.actor, this.action, this.text, this.sort,
				new Position(this.sort.key(last), last.seq()), this.limit);
	}

	/**
	 * @param last the last record of this page
	 * @return the opaque cursor that {@link #after(String)} reads back in this order
	 */
	public String cursor(AuditRecord last) {
		return new KeysetCursor(this.sort.spelling(), this.sort.key(last), Long.toString(last.seq())).encode();
	}

	/**
	 * @param cursor a cursor of {@link #cursor}, null or blank for the first page
	 * @return this query from where the cursor's page ended
	 * @throws ApiProblem 400 when it is no cursor of the audit log, or one of another
	 * order
	 */
	public AuditQuery after(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return this;
		}
		try {
			KeysetCursor read = KeysetCursor.decode(cursor, this.sort.spelling());
			long seq = Long.parseLong(read.id());
			if (this.sort.column() == AuditSort.Column.TIME && !read.key().equals(read.id())) {
				throw new InvalidRequest("after is not a cursor this API returned");
			}
			return new AuditQuery(this.actor, this.action, this.text, this.sort, new Position(read.key(), seq),
					this.limit);
		}
		catch (InvalidRequest ex) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (NumberFormatException ex) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "after is not a cursor this API returned");
		}
	}

}
