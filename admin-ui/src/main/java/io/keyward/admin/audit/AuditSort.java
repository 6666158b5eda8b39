package io.keyward.admin.audit;

import java.util.Locale;

import io.keyward.admin.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * An order of the audit log: by time (the sequence number, which is the order of time),
 * by actor or by action, either way. Ties go by sequence number in the same direction, so
 * that {@code (key, seq)} is a keyset that one index of migration V7 reads in order.
 * Actors and actions compare byte by byte ({@code collate "C"}), the same on every
 * installation whatever the database's locale.
 *
 * @param column what the log is sorted by
 * @param descending the direction
 */
public record AuditSort(Column column, boolean descending) {

	/** The default order: newest first. */
	public static final AuditSort NEWEST_FIRST = new AuditSort(Column.TIME, true);

	/** What a caller is told when the order asked for is none of these. */
	static final String SPELLINGS = "sort must be time, actor or action, optionally followed by :asc or :desc";

	/**
	 * A sortable column and its SQL (fixed text, never from the request).
	 */
	public enum Column {

		TIME("seq"), ACTOR("actor collate \"C\""), ACTION("action collate \"C\"");

		final String sql;

		Column(String sql) {
			this.sql = sql;
		}

		String key(AuditRecord record) {
			return switch (this) {
				case TIME -> Long.toString(record.seq());
				case ACTOR -> record.actor();
				case ACTION -> record.action();
			};
		}

	}

	/**
	 * @param sort {@code time}, {@code actor} or {@code action}, optionally with
	 * {@code :asc} or {@code :desc} (bare: time newest first, the others A to Z); null or
	 * blank for newest first
	 * @return the order
	 * @throws ApiProblem 400 for any other spelling
	 */
	public static AuditSort parse(String sort) {
		if (sort == null || sort.isBlank()) {
			return NEWEST_FIRST;
		}
		String asked = sort.strip().toLowerCase(Locale.ROOT);
		int colon = asked.indexOf(':');
		String name = (colon < 0) ? asked : asked.substring(0, colon);
		String direction = (colon < 0) ? "" : asked.substring(colon + 1);
		Column column = switch (name) {
			case "time" -> Column.TIME;
			case "actor" -> Column.ACTOR;
			case "action" -> Column.ACTION;
			default -> throw new ApiProblem(HttpStatus.BAD_REQUEST, SPELLINGS);
		};
		return switch (direction) {
			case "" -> new AuditSort(column, column == Column.TIME);
			case "asc" -> new AuditSort(column, false);
			case "desc" -> new AuditSort(column, true);
			default -> throw new ApiProblem(HttpStatus.BAD_REQUEST, SPELLINGS);
		};
	}

	/**
	 * @return the order as {@code sort} spells it, e.g. {@code actor:asc}
	 */
	public String spelling() {
		return this.column.name().toLowerCase(Locale.ROOT) + (this.descending ? ":desc" : ":asc");
	}

	/**
	 * @return the record's sort key in this order, as a cursor carries it
	 */
	String key(AuditRecord record) {
		return this.column.key(record);
	}

}
