package io.keyward.admin.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The actors the audit page's actor filter offers: those that appear in the log, read as
 * distinct values from an index ({@link AuditLog#actors}), never by scanning the log, and
 * bounded. Admins, tokens and {@code bootstrap} come first; the addresses of failed
 * sign-ins ({@code address:<ip>}, which anyone can add by failing to sign in) are listed
 * apart with a lower bound, so they cannot push an admin off the list. An actor not
 * listed is still found by the page's text filter.
 */
@Component
class AuditActors {

	/** At most this many admins and tokens. */
	static final int MAX_PEOPLE = 100;

	/** At most this many sign-in addresses. */
	static final int MAX_ADDRESSES = 50;

	/**
	 * Where the addresses begin: every actor that starts with it sorts in [this,
	 * {@link #PAST_ADDRESSES}).
	 */
	private static final String ADDRESSES = "address:";

	/** The first text after every {@code address:...}, bytewise (';' follows ':'). */
	private static final String PAST_ADDRESSES = "address;";

	private final AuditLog auditLog;

	AuditActors(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	/**
	 * @return the actors in the log, each group in byte order and bounded
	 */
	Known known() {
		List<String> people = new ArrayList<>(this.auditLog.actors("", ADDRESSES, MAX_PEOPLE + 1));
		if (people.size() <= MAX_PEOPLE) {
			people.addAll(this.auditLog.actors(PAST_ADDRESSES, null, MAX_PEOPLE + 1 - people.size()));
		}
		List<String> addresses = this.auditLog.actors(ADDRESSES, PAST_ADDRESSES, MAX_ADDRESSES + 1);
		return new Known(cut(people, MAX_PEOPLE), people.size() > MAX_PEOPLE, cut(addresses, MAX_ADDRESSES),
				addresses.size() > MAX_ADDRESSES);
	}

	private static List<String> cut(List<String> actors, int max) {
		return List.copyOf(actors.subList(0, Math.min(max, actors.size())));
	}

	/**
	 * @param people admins, tokens, {@code bootstrap}
	 * @param morePeople whether there are more than listed
	 * @param addresses sign-in addresses
	 * @param moreAddresses whether there are more than listed
	 */
	record Known(List<String> people, boolean morePeople, List<String> addresses, boolean moreAddresses) {

		public boolean contains(String actor) {
			return this.people.contains(actor) || this.addresses.contains(actor);
		}

	}

}
