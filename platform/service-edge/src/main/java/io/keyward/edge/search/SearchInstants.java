package io.keyward.edge.search;

import java.time.Instant;

import io.keyward.edge.problem.InvalidRequest;

/**
 * The instants a search may name: years 0001 to 9999. {@code Instant.parse} accepts
 * {@code +999999999-12-31T23:59:59Z}, which neither PostgreSQL's timestamptz (it ends in
 * year 294276) nor {@code OffsetDateTime} arithmetic holds (fuzz report 2026-12-06: a 500
 * in the ca-adapter's search, a 502 through the admin-ui); four-digit years are every
 * date a certificate's validity (RFC 5280 section 4.1.2.5) or a transaction can have.
 */
public final class SearchInstants {

	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private SearchInstants() {
	}

	/**
	 * @param name how the caller named it (a parameter, a search key)
	 * @param instant the instant, or {@code null} when not given
	 * @throws InvalidRequest (a 400) naming {@code name} and the range
	 */
	public static void requireInRange(String name, Instant instant) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw new InvalidRequest(name + " must lie between " + EARLIEST + " and " + LATEST);
		}
	}

}
