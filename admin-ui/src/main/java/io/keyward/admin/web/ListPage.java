package io.keyward.admin.web;

import java.util.List;
import java.util.Map;

/**
 * One page of a list as the template shows it: its rows, every matching row (for the CSV
 * export of the same filter), the counts for "n of m shown", the paging, the links that
 * keep the filter and order, and the choices of each select filter.
 *
 * @param <T> one row of the table
 * @param rows the rows of this page
 * @param matching every row the filter matched, in order
 * @param total rows in the whole list, before filtering
 * @param paging where this page sits
 * @param state the filter, order and page, and the links made from them
 * @param options each select filter's values, in order
 */
public record ListPage<T>(List<T> rows, List<T> matching, long total, Paging paging, ListState state,
		Map<String, List<String>> options) {

	/**
	 * @return "3 of 12 shown", for the line above the table
	 */
	public String shown() {
		return this.rows.size() + " of " + this.total + " shown";
	}

	/**
	 * @return whether a filter is set (an empty table then says the filter matched
	 * nothing)
	 */
	public boolean filtered() {
		return !this.state.q().isEmpty() || !this.state.filters().isEmpty();
	}

	/**
	 * @return the value chosen for one select filter, empty for any
	 */
	public String chosen(String filter) {
		return this.state.filters().getOrDefault(filter, "");
	}

}
