package io.keyward.admin.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How one small, bounded dashboard table (admins, tokens, MDM clients) is sorted,
 * filtered and paged in memory: the columns that sort (a whitelist: {@code ?sort=} naming
 * any other column is ignored, so no text from the query string reaches a comparator or
 * SQL), the text the {@code ?q=} filter searches, and the per-column select filters.
 * Lists that grow without bound are filtered and paged by the service that owns them,
 * never here.
 *
 * @param <T> one row of the table
 */
public final class ListView<T> {

	/** Rows per page of every in-memory list. */
	public static final int PAGE_SIZE = 50;

	private final String path;

	private final Map<String, Comparator<T>> columns = new LinkedHashMap<>();

	private final Map<String, Function<T, List<String>>> selects = new LinkedHashMap<>();

	private Function<T, String> text = (row) -> "";

	private String defaultColumn;

	private boolean defaultDescending;

	private ListView(String path) {
		this.path = path;
	}

	/**
	 * @param path the page's path, the base of every link the table makes
	 */
	public static <T> ListView<T> at(String path) {
		return new ListView<>(path);
	}

	/**
	 * A sortable column; the first one named is the default order.
	 */
	public ListView<T> column(String name, Comparator<T> order) {
		this.columns.put(name, order);
		if (this.defaultColumn == null) {
			this.defaultColumn = name;
		}
		return this;
	}

	/**
	 * The order a table shows when the query string names none.
	 */
	public ListView<T> sortedBy(String name, boolean descending) {
		this.defaultColumn = name;
		this.defaultDescending = descending;
		return this;
	}

	/**
	 * A select filter: a row matches when {@code values} of it holds the chosen value.
	 */
	public ListView<T> select(String name, Function<T, List<String>> values) {
		this.selects.put(name, values);
		return this;
	}

	/**
	 * The text {@code ?q=} searches in, case-insensitively.
	 */
	public ListView<T> text(Function<T, String> text) {
		this.text = text;
		return this;
	}

	/**
	 * Sort, filter and cut one page from every row of the list.
	 * @param all every row, in any order
	 * @param query the page's query string ({@code q}, {@code sort}, {@code dir},
	 * {@code page} and one parameter per select filter)
	 */
	public ListPage<T> page(List<T> all, Map<String, String> query) {
		String q = query.getOrDefault("q", "").strip();
		Map<String, String> chosen = new LinkedHashMap<>();
		Map<String, List<String>> options = new LinkedHashMap<>();
		this.selects.forEach((name, values) -> {
			String value = query.getOrDefault(name, "").strip();
			if (!value.isEmpty()) {
				chosen.put(name, value);
			}
			TreeSet<String> seen = new TreeSet<>();
			all.forEach((row) -> seen.addAll(values.apply(row)));
			options.put(name, List.copyOf(seen));
		});
		String column = this.columns.containsKey(query.get("sort")) ? query.get("sort") : this.defaultColumn;
		String dir = query.getOrDefault("dir", "");
		boolean descending = dir.equals("desc")
				|| (!dir.equals("asc") && column.equals(this.defaultColumn) && this.defaultDescending);
		List<T> matching = new ArrayList<>(all.stream().filter((row) -> matches(row, q, chosen)).toList());
		Comparator<T> order = this.columns.get(column);
		matching.sort(descending ? order.reversed() : order);
		Paging whole = new Paging(0, PAGE_SIZE, matching.size());
		int page = Math.min(Paging.requested(number(query.get("page"))), whole.lastPage());
		Paging paging = new Paging(page, PAGE_SIZE, matching.size());
		List<T> rows = matching.subList(page * PAGE_SIZE, Math.min(matching.size(), (page + 1) * PAGE_SIZE));
		ListState state = new ListState(this.path, q, chosen, column, descending, page);
		return new ListPage<>(List.copyOf(rows), List.copyOf(matching), all.size(), paging, state, options);
	}

	private boolean matches(T row, String q, Map<String, String> chosen) {
		if (!q.isEmpty() && !this.text.apply(row).toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
			return false;
		}
		return chosen.entrySet()
			.stream()
			.allMatch((filter) -> this.selects.get(filter.getKey()).apply(row).contains(filter.getValue()));
	}

	private static int number(String page) {
		try {
			return (page != null) ? Integer.parseInt(page.strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
