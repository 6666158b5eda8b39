package io.keyward.gateway.transaction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.SearchInstants;
import io.keyward.edge.search.SearchTerms;
import io.keyward.gateway.approval.Approvals;

/**
 * The request search box (docs/api/scep-gateway.md, "Search"), the certificate search's
 * language ({@link SearchTerms}) over SCEP transactions: free text finds a request whose
 * subject has an RDN value, or whose CSR a SAN value, starting with it, whatever the RDN
 * order (migration V20's {@code transaction_name}: {@code acme} and {@code device-7} both
 * find {@code CN=device-7,O=Acme} and {@code O=Acme,CN=device-7}); with an {@code =} it
 * is a prefix of the whole subject as stored (with or without {@code CN=}); it also finds
 * a transactionID or the serial of the issued certificate; keys {@code subject},
 * {@code serial}, {@code txid}, {@code profile}, {@code status} (pending, waiting,
 * issued, refused, expired, rejected, as the dashboard names them), {@code type}
 * (PKCSReq, RenewalReq), {@code device} (free text), {@code created}, {@code from} and
 * {@code to} (dates). Each condition is one an index of migration V19 (or V20) answers;
 * every value is a bound parameter.
 */
final class TransactionSearchSyntax {

	/**
	 * The subject's sort and prefix key, as index transaction_subject_lower_idx has it.
	 */
	static final String SUBJECT_KEY = "coalesce(lower(t.subject), '') collate \"C\"";

	private static final String STATUSES = "status: must be pending, waiting, issued, refused, expired or rejected";

	private final Instant now;

	private final StringBuilder sql = new StringBuilder();

	private final Map<String, Object> params = new LinkedHashMap<>();

	private final Map<String, String> given = new LinkedHashMap<>();

	private final List<String> devices = new ArrayList<>();

	private boolean needle;

	/** Whether a free text is the start of many names: see {@link TransactionSearch}. */
	private final Predicate<String> broad;

	TransactionSearchSyntax(Instant now, Predicate<String> broad) {
		this.now = now;
		this.broad = broad;
	}

	/**
	 * @return the conditions of the query, each starting with {@code and}
	 */
	TransactionSearchSyntax parse(String q) {
		List<String> words = new ArrayList<>(SearchTerms.parse(q, this::term));
		words.addAll(this.devices);
		if (!words.isEmpty()) {
			String text = String.join(" ", words);
			List<String> any = new ArrayList<>();
			if (text.contains("=")) {
				any.add(subjectPrefix("text", text));
			}
			any.add("t.transaction_id = :textTransaction");
			this.params.put("textTransaction", text);
			List<String> serials = SerialNumbers.keys(text);
			if (!serials.isEmpty()) {
				any.add("t.certificate_serial in (:textSerials)");
				this.params.put("textSerials", serials);
			}
			String names = range("textName", "n.name", text.toLowerCase(Locale.ROOT));
			if (this.broad.test(text)) {
				// each row along the order checked by transaction_name_request_idx
				this.sql.append(" and (exists (select 1 from transaction_name n where n.request_id = t.id and ")
					.append(names)
					.append(") or ")
					.append(String.join(" or ", any))
					.append(")");
			}
			else {
				// each branch by its own index, the union joined to the requests by id
				this.sql.append(" and t.id in (select n.request_id from transaction_name n where ")
					.append(names)
					.append(" union all select t.id from transaction t where ")
					.append(String.join(" or ", any))
					.append(")");
				this.needle = true;
			}
		}
		return this;
	}

	String sql() {
		return this.sql.toString();
	}

	Map<String, Object> params() {
		return this.params;
	}

	/**
	 * @return whether a term names a few rows (text, subject, serial, transactionID), to
	 * be found by their indexes before the rows are sorted
	 */
	boolean needle() {
		return this.needle;
	}

	private boolean term(String key, String value) {
		switch (key) {
			case "subject" -> {
				this.sql.append(" and ").append(subjectPrefix("subject", once(key, value)));
				this.needle = true;
			}
			case "serial" -> serial(once(key, value));
			case "txid", "transaction" -> {
				condition("transactionId", once("txid", value), "t.transaction_id = :transactionId");
				this.needle = true;
			}
			case "profile" -> condition(key, once(key, value), "t.profile = :profile");
			case "status", "state" -> status(once("status", value));
			case "type" ->
				condition("messageType", messageType(once(key, value)), "lower(t.message_type) = :messageType");
			case "created" -> dates(key, value, true, true);
			case "from" -> dates(key, value, true, false);
			case "to" -> dates(key, value, false, true);
			case "device" -> this.devices.add(value);
			default -> {
				return false;
			}
		}
		return true;
	}

	private String once(String key, String value) {
		String current = SearchTerms.once(key, this.given.get(key), value);
		this.given.put(key, current);
		return current;
	}

	private void serial(String value) {
		List<String> serials = SerialNumbers.keys(value);
		if (serials.isEmpty()) {
			throw new InvalidRequest("serial: must be a hexadecimal or decimal number");
		}
		condition("serials", serials, "t.certificate_serial in (:serials)");
		this.needle = true;
	}

	private void status(String value) {
		String name = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
		String refused = "t.status = 'FAILED' and coalesce(t.failure_reason, '') not in (:expired, :rejected)";
		this.sql.append(" and ").append(switch (name) {
			case "pending", "received" -> "t.status = 'RECEIVED'";
			case "waiting", "waiting_approval", "waiting_for_approval" -> "t.status = 'WAITING_APPROVAL'";
			case "issued" -> "t.status = 'ISSUED'";
			case "refused" -> refused;
			case "expired" -> "t.status = 'FAILED' and t.failure_reason = :expired";
			case "rejected" -> "t.status = 'FAILED' and t.failure_reason = :rejected";
			case "failed" -> "t.status = 'FAILED'";
			default -> throw new InvalidRequest(STATUSES);
		});
		this.params.put("expired", Approvals.EXPIRED);
		this.params.put("rejected", Approvals.REJECTED);
	}

	private static String messageType(String value) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "pkcsreq", "enrollment" -> "pkcsreq";
			case "renewalreq", "renewal" -> "renewalreq";
			default -> throw new InvalidRequest("type: must be PKCSReq or RenewalReq");
		};
	}

	/**
	 * {@code created:} as the certificates' {@code issued:}; {@code from:} keeps only the
	 * start of its day, {@code to:} only the end of its day (both inclusive).
	 */
	private void dates(String key, String value, boolean lower, boolean upper) {
		SearchTerms.Range range = SearchTerms.dates(key, value, true, this.now);
		Instant after = lower ? range.after() : null;
		Instant before = upper ? ((range.before() != null || lower) ? range.before() : range.after()) : null;
		SearchInstants.requireInRange(key + ":", after);
		SearchInstants.requireInRange(key + ":", before);
		if (after != null) {
			condition(key + "After", after.atOffset(ZoneOffset.UTC), "t.created_at >= :" + key + "After");
		}
		if (before != null) {
			condition(key + "Before", before.atOffset(ZoneOffset.UTC), "t.created_at < :" + key + "Before");
		}
	}

	private void condition(String name, Object value, String condition) {
		if (!this.params.containsKey(name)) {
			this.sql.append(" and ").append(condition);
			this.params.put(name, value);
		}
	}

	/**
	 * A case-insensitive prefix as a range of the subject index; a value without
	 * {@code =} is also tried as the CN ({@code CN=} first, as most subjects begin).
	 */
	private String subjectPrefix(String name, String value) {
		String prefix = value.toLowerCase(Locale.ROOT);
		String range = range(name, prefix);
		return "(" + (prefix.contains("=") ? range : range + " or " + range(name + "Cn", "cn=" + prefix)) + ")";
	}

	private String range(String name, String prefix) {
		return range(name, SUBJECT_KEY, prefix);
	}

	/**
	 * @param key a column or expression in collation "C"
	 */
	private String range(String name, String key, String prefix) {
		this.params.put(name + "From", prefix);
		this.params.put(name + "To", SearchTerms.successor(prefix));
		return "(" + key + " >= :" + name + "From and " + key + " < :" + name + "To)";
	}

}
