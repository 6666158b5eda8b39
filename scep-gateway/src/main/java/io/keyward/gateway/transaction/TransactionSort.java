package io.keyward.gateway.transaction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import io.keyward.edge.problem.InvalidRequest;

/**
 * The orders a request search reads in, each keyset-compatible: its key columns, then the
 * row id as tie-breaker, all in the same direction, so each order has one index of
 * migration V19 and a page costs the same however deep it is.
 *
 * @param column what the rows are ordered by
 * @param descending newest, latest or Z first
 */
record TransactionSort(Column column, boolean descending) {

	static final TransactionSort DEFAULT = new TransactionSort(Column.CREATED, true);

	private static final String SPELLINGS = "sort must be created, subject or status, optionally :asc or :desc";

	/**
	 * @param value {@code created}, {@code subject} or {@code status}, optionally
	 * followed by {@code :asc} or {@code :desc}; null or blank for newest first
	 */
	static TransactionSort parse(String value) {
		if (value == null || value.isBlank()) {
			return DEFAULT;
		}
		String[] parts = value.strip().toLowerCase(Locale.ROOT).split(":", -1);
		Column column = switch (parts[0]) {
			case "created" -> Column.CREATED;
			case "subject" -> Column.SUBJECT;
			case "status" -> Column.STATUS;
			default -> throw new InvalidRequest(SPELLINGS);
		};
		if (parts.length == 1) {
			return new TransactionSort(column, column == Column.CREATED);
		}
		if (parts.length != 2 || !(parts[1].equals("asc") || parts[1].equals("desc"))) {
			throw new InvalidRequest(SPELLINGS);
		}
		return new TransactionSort(column, parts[1].equals("desc"));
	}

	/**
	 * @return the spelling {@link #parse} reads, e.g. {@code subject:asc}
	 */
	String spelling() {
		return this.column.name().toLowerCase(Locale.ROOT) + (this.descending ? ":desc" : ":asc");
	}

	String orderBy() {
		String direction = this.descending ? " desc" : " asc";
		return " order by " + String.join(direction + ", ", this.column.keys) + direction + ", t.id" + direction;
	}

	/**
	 * @return the keyset condition: rows after the cursor's in this order
	 */
	String after() {
		StringBuilder bound = new StringBuilder();
		for (int i = 0; i < this.column.keys.size(); i++) {
			bound.append(":afterKey").append(i).append(", ");
		}
		return " and (" + String.join(", ", this.column.keys) + ", t.id) " + (this.descending ? "<" : ">") + " ("
				+ bound + ":afterId)";
	}

	/**
	 * @param key a cursor's key: the key columns' values joined by {@code |}
	 * @return the values as the SQL parameters their columns compare with
	 */
	Object[] boundKeys(String key) {
		String[] parts = key.split("\\|", this.column.keys.size());
		if (parts.length != this.column.keys.size()) {
			throw new IllegalArgumentException("cursor key has " + parts.length + " parts");
		}
		Object[] bound = new Object[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bound[i] = this.column.keys.get(i).endsWith("created_at") ? Instant.parse(parts[i]).atOffset(ZoneOffset.UTC)
					: parts[i];
		}
		return bound;
	}

	enum Column {

		CREATED(List.of("t.created_at")),
		// byte order (collation "C") so the index serves both the order and subject
		// prefixes
		SUBJECT(List.of(TransactionSearchSyntax.SUBJECT_KEY)), STATUS(List.of("t.status", "t.created_at"));

		final List<String> keys;

		Column(List<String> keys) {
			this.keys = keys;
		}

	}

}
