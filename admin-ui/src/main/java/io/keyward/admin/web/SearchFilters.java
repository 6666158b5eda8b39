package io.keyward.admin.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A search page's per-column filters (select boxes, date fields) and what they add to the
 * search box's query: each filter is its own request parameter, so the page shows it
 * selected, and a {@code key:value} term of the services' search language
 * (docs/admin-dashboard.md), so the search, its pages, its sort links and its CSV export
 * all ask the same. Values are quoted when they hold spaces; a quote in a value cannot
 * end its term early.
 */
public final class SearchFilters {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final List<String> terms = new ArrayList<>();

	/**
	 * @param param the request parameter, e.g. {@code profile}
	 * @param value what was selected, null or blank for none
	 * @param key the search term's key, e.g. {@code profile}
	 * @return these filters
	 */
	public SearchFilters add(String param, String value, String key) {
		return add(param, value, key, UnaryOperator.identity());
	}

	/**
	 * @param termValue turns the selected value into the term's value (e.g. {@code 30}
	 * into {@code <30d})
	 * @return these filters
	 */
	public SearchFilters add(String param, String value, String key, UnaryOperator<String> termValue) {
		if (value != null && !value.isBlank()) {
			String selected = value.strip();
			this.values.put(param, selected);
			String term = termValue.apply(selected).replace("\"", "");
			this.terms.add(key + ":" + (term.matches("\\S+") ? term : "\"" + term + "\""));
		}
		return this;
	}

	/**
	 * @param typed what the search box holds, or null
	 * @return the box's text with every filter's term, empty when there is neither
	 */
	public String query(String typed) {
		List<String> parts = new ArrayList<>();
		if (typed != null && !typed.isBlank()) {
			parts.add(typed.strip());
		}
		parts.addAll(this.terms);
		return String.join(" ", parts);
	}

	/**
	 * @param param a filter's request parameter
	 * @return its selected value, empty when none
	 */
	public String value(String param) {
		return this.values.getOrDefault(param, "");
	}

	/**
	 * @return a link to {@code path} with the box's text, these filters and the order
	 */
	public UriComponentsBuilder link(String path, String typed, String sort) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("q", Optional.ofNullable(typed));
		this.values.forEach(link::queryParam);
		return link.queryParamIfPresent("sort", Optional.ofNullable(sort));
	}

}
