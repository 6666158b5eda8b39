package io.keyward.ca.issuance;

import java.util.Locale;

import io.keyward.edge.problem.InvalidRequest;

/**
 * The orders a certificate search can be read in, each keyset-compatible: the column,
 * then the row id as tie-breaker, both in the same direction, so each order has one index
 * ({@code ix_certificate_issued_at}, {@code ix_certificate_not_after_id},
 * {@code ix_certificate_subject_lower}) and a page costs the same however deep it is.
 *
 * @param column what the rows are ordered by
 * @param descending newest, latest or Z first
 */
record CertificateSort(Column column, boolean descending) {

	static final CertificateSort DEFAULT = new CertificateSort(Column.ISSUED, true);

	/**
	 * @param value {@code issued}, {@code expires} or {@code subject}, optionally
	 * followed by {@code :asc} or {@code :desc}; null or blank for newest issued first
	 */
	static CertificateSort parse(String value) {
		if (value == null || value.isBlank()) {
			return DEFAULT;
		}
		String[] parts = value.strip().toLowerCase(Locale.ROOT).split(":", -1);
		Column column = switch (parts[0]) {
			case "issued" -> Column.ISSUED;
			case "expires" -> Column.EXPIRES;
			case "subject" -> Column.SUBJECT;
			default -> throw new InvalidRequest("sort must be issued, expires or subject, optionally :asc or :desc");
		};
		if (parts.length == 1) {
			return new CertificateSort(column, column != Column.SUBJECT);
		}
		if (parts.length == 2 && (parts[1].equals("asc") || parts[1].equals("desc"))) {
			return new CertificateSort(column, parts[1].equals("desc"));
		}
		throw new InvalidRequest("sort must be issued, expires or subject, optionally :asc or :desc");
	}

	/**
	 * @return the spelling {@link #parse} reads, e.g. {@code expires:asc}
	 */
	String spelling() {
		return this.column.name().toLowerCase(Locale.ROOT) + (this.descending ? ":desc" : ":asc");
	}

	String orderBy() {
		String direction = this.descending ? " desc" : " asc";
		return " order by " + this.column.sql + direction + ", c.id" + direction;
	}

	/**
	 * @return the keyset condition: rows after the cursor's in this order
	 */
	String after() {
		return " and (" + this.column.sql + ", c.id) " + (this.descending ? "<" : ">") + " (:afterKey, :afterId)";
	}

	enum Column {

		ISSUED("c.issued_at", "issued_at"), EXPIRES("c.not_after", "not_after"),
		// byte order (collation "C") so the index serves both the order and subject
		// prefixes
		SUBJECT("lower(c.subject) collate \"C\"", "subject_key");

		final String sql;

		/** The result column holding this key for the next cursor. */
		final String resultColumn;

		Column(String sql, String resultColumn) {
			this.sql = sql;
			this.resultColumn = resultColumn;
		}

		boolean temporal() {
			return this != SUBJECT;
		}

	}

}
