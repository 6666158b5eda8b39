package io.keyward.admin.certificate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The sortable column headers of a search table: each links to the same search in that
 * column's order, the current column to its reverse, and says which way it is sorted
 * ({@code aria-sort}, for screen readers). The orders are the services' keyset orders:
 * the ca-adapter's for certificates ({@link #certificates}), the gateway's for requests
 * ({@link #requests}).
 *
 * @param links each column's link, by the column's name in {@code sort}
 * @param column the column sorted now
 * @param ariaSort {@code ascending} or {@code descending}
 */
public record SortLinks(Map<String, String> links, String column, String ariaSort) {

	/** The orders the approval queue offers; any other {@code sort} is ignored. */
	public static final Set<String> APPROVAL_ORDERS = Set.of("created", "created:asc", "created:desc", "subject",
			"subject:asc", "subject:desc");

	/**
	 * @param sort the order asked for, null for newest issued first
	 * @param link the search's link in an order
	 */
	static SortLinks certificates(String sort, UnaryOperator<String> link) {
		return of(sort, "issued", Map.of("issued", true, "expires", false, "subject", false),
				Set.of("issued", "expires"), link);
	}

	/**
	 * @param sort {@code created} or {@code expires} with {@code :asc} or {@code :desc},
	 * null for newest minted first
	 * @param link the challenges page's link in an order
	 */
	public static SortLinks challenges(String sort, UnaryOperator<String> link) {
		return of(sort, "created", Map.of("created", true, "expires", false), Set.of(), link);
	}

	/**
	 * @param sort {@code time:asc} or {@code time:desc}, null for newest queued first
	 * @param link the webhook deliveries page's link in an order
	 */
	public static SortLinks webhookDeliveries(String sort, UnaryOperator<String> link) {
		return of(sort, "time", Map.of("time", true), Set.of("time"), link);
	}

	/**
	 * @param sort the order asked for, null for newest first
	 * @param link the search's link in an order
	 */
	public static SortLinks requests(String sort, UnaryOperator<String> link) {
		return of(sort, "created", Map.of("created", true, "subject", false, "status", false), Set.of("created"), link);
	}

	/**
	 * @param sort the order asked for (one of {@link #APPROVAL_ORDERS}), null for newest
	 * first
	 * @param link the approval queue's link in an order
	 */
	public static SortLinks approvals(String sort, UnaryOperator<String> link) {
		return of(sort, "created", Map.of("created", true, "subject", false), Set.of("created"), link);
	}

	/**
	 * @param sort {@code time}, {@code actor} or {@code action} with {@code :asc} or
	 * {@code :desc}, null for newest first
	 * @param link the audit page's link in an order
	 */
	public static SortLinks audit(String sort, UnaryOperator<String> link) {
		return of(sort, "time", Map.of("time", true, "actor", false, "action", false), Set.of("time"), link);
	}

	/**
	 * @param columns each sortable column and whether a click starts it newest
	 * (descending) first
	 * @param bareDescending the columns the service reads descending when {@code sort}
	 * names no direction
	 */
	private static SortLinks of(String sort, String defaultColumn, Map<String, Boolean> columns,
			Set<String> bareDescending, UnaryOperator<String> link) {
		String current = (sort != null) ? sort.toLowerCase(Locale.ROOT) : defaultColumn + ":desc";
		String column = current.contains(":") ? current.substring(0, current.indexOf(':')) : current;
		boolean descending = current.endsWith(":desc") || (!current.contains(":") && bareDescending.contains(column));
		Map<String, String> links = new LinkedHashMap<>();
		columns.forEach(
				(header, newestFirst) -> links.put(header, link.apply(next(header, column, descending, newestFirst))));
		return new SortLinks(links, column, descending ? "descending" : "ascending");
	}

	/**
	 * @param header a column's name
	 * @return its header's link
	 */
	public String link(String header) {
		return this.links.get(header);
	}

	/**
	 * @return the header's {@code aria-sort}: the direction on the sorted column,
	 * {@code none} on the others
	 */
	public String aria(String header) {
		return header.equals(this.column) ? this.ariaSort : "none";
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
