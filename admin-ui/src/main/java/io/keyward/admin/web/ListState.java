package io.keyward.admin.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A list's filter, order and page as its query string says, and the links that change one
 * of them and keep the others: a sort header, the next page, the CSV of the same filter.
 * Every value is form-encoded (URLEncoder); the templates put them in {@code th:href},
 * which escapes them again for HTML.
 *
 * @param path the page's path
 * @param q the text filter, empty for none
 * @param filters the select filters that are set
 * @param column the column sorted
 * @param descending whether it is sorted descending
 * @param page the page shown, from 0
 */
public record ListState(String path, String q, Map<String, String> filters, String column, boolean descending,
		int page) {

	/**
	 * @return {@code ascending}, {@code descending} or {@code none} for a header's
	 * {@code aria-sort}
	 */
	public String ariaSort(String header) {
		if (!header.equals(this.column)) {
			return "none";
		}
		return this.descending ? "descending" : "ascending";
	}

	/**
	 * @return the link of a sort header: the sorted column reverses, another sorts
	 * ascending; the filter stays, the page goes back to the first
	 */
	public String sortHref(String header) {
		boolean reverse = header.equals(this.column) && !this.descending;
		return link(this.path, header, reverse ? "desc" : "asc", null);
	}

	/**
	 * @return the link of another page in the same filter and order
	 */
	public String pageHref(int page) {
		return link(this.path, this.column, this.descending ? "desc" : "asc", page);
	}

	/**
	 * @return the CSV export of the same filter and order
	 */
	public String csvHref() {
		return link(this.path + ".csv", this.column, this.descending ? "desc" : "asc", null);
	}

	private String link(String base, String sort, String dir, Integer page) {
		StringJoiner query = new StringJoiner("&", base + "?", "");
		if (!this.q.isEmpty()) {
			query.add("q=" + encoded(this.q));
		}
		this.filters.forEach((name, value) -> query.add(encoded(name) + "=" + encoded(value)));
		query.add("sort=" + encoded(sort)).add("dir=" + dir);
		if (page != null && page > 0) {
			query.add("page=" + page);
		}
		return query.toString();
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
