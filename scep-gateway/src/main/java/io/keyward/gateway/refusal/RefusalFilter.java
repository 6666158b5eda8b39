package io.keyward.gateway.refusal;

import java.util.Map;

import io.keyward.edge.problem.InvalidRequest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which kept refusals a page lists and in what order ({@code GET /api/v1/refusals}).
 *
 * @param q text found in the reason, transactionID, message type or profile, any case;
 * null for any
 * @param profile this profile exactly, null for any
 * @param failInfo this failInfo name exactly, null for any
 * @param sort one of {@link #ORDERS}' keys
 */
public record RefusalFilter(String q, String profile, String failInfo, String sort) {

	/** Every refusal, newest first. */
	static final RefusalFilter NONE = new RefusalFilter(null, null, null, "time:desc");

	/** The longest filter text taken. */
	static final int MAX_TEXT = 255;

	/**
	 * The orders a page can ask for, each with its SQL: a whitelist, so no text of the
	 * query string reaches the statement. Texts compare byte by byte
	 * ({@code collate "C"}), the same on every installation; ties go newest first.
	 */
	static final Map<String, String> ORDERS = Map.of("time:desc", "occurred_at desc, id desc", "time:asc",
			"occurred_at asc, id asc", "failInfo:asc", "fail_info collate \"C\" asc, occurred_at desc, id desc",
			"failInfo:desc", "fail_info collate \"C\" desc, occurred_at desc, id desc", "profile:asc",
			"profile collate \"C\" asc, occurred_at desc, id desc", "profile:desc",
			"profile collate \"C\" desc, occurred_at desc, id desc");

	/**
	 * @return the filter the query string asks for; blank values are none
	 * @throws InvalidRequest for an order not offered or a text too long
	 */
	static RefusalFilter of(String q, String profile, String failInfo, String sort) {
		String order = blankToNull(sort);
		if (order == null) {
			order = "time:desc";
		}
		else if (!order.contains(":")) {
			order = order + (order.equals("time") ? ":desc" : ":asc");
		}
		if (!ORDERS.containsKey(order)) {
			throw new InvalidRequest("sort must be time, failInfo or profile, with :asc or :desc");
		}
		for (String text : new String[] { q, profile, failInfo }) {
			if (text != null && text.length() > MAX_TEXT) {
				throw new InvalidRequest("a filter is at most " + MAX_TEXT + " characters");
			}
		}
		return new RefusalFilter(blankToNull(q), blankToNull(profile), blankToNull(failInfo), order);
	}

	String orderBy() {
		return ORDERS.get(this.sort);
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.param("q", this.q).param("profile", this.profile).param("failInfo", this.failInfo);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
