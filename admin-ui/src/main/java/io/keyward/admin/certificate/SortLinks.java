package io.keyward.admin.certificate;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The sortable column headers of a search table: each links to the same search in that
 * column's order, the current column to its reverse, and says which way it is sorted
 * ({@code aria-sort}, for screen readers). The orders are the ca-adapter's keyset orders.
 *
 * @param issued link for the issued column
 * @param expires link for the expiry column
 * @param subject link for the subject column
 * @param column the column sorted now
 * @param ariaSort {@code ascending} or {@code descending}
 */
record SortLinks(String issued, String expires, String subject, String column, String ariaSort) {

	static SortLinks of(String sort, UnaryOperator<String> link) {
		String current = (sort != null) ? sort.toLowerCase(Locale.ROOT) : "issued:desc";
		String column = current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
		boolean descending = current.endsWith(":desc") || (!current.contains(":") && !column.equals("subject"));
		return new SortLinks(link.apply(next("issued", column, descending, true)),
				link.apply(next("expires", column, descending, false)),
				link.apply(next("subject", column, descending, false)), column,
				descending ? "descending" : "ascending");
	}

	/**
	 * @return the order a click on {@code header} asks for: the reverse of the current
	 * one on the sorted column, otherwise that column's natural first order
	 */
	private static String next(String header, String column, boolean descending, boolean newestFirst) {
		if (header.equals(column)) {
			return header + (descending ? ":asc" : ":desc");
		}
		return header + (newestFirst ? ":desc" : ":asc");
	}

}
