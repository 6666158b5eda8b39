package io.keyward.ca.issuance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.search.SearchTerms;

/**
 * The where clause of a {@link CertificateQuery}: every condition one an index of
 * migration V15 (or earlier) answers, every value a bound parameter (the search box is
 * attacker-reachable text). Names match by prefix, so ten million rows are searched by a
 * B-tree range instead of a scan: a word is the start of any RDN value of the subject or
 * any SAN value (migration V16's {@code certificate_name}), so {@code laptop} and
 * {@code example} both find {@code O=Example,CN=laptop-7} whatever the RDN order; a
 * {@code subject:} term or a word with {@code =} is a prefix of the whole subject as
 * stored (RFC 2253 order); only an explicit {@code contains:} term scans.
 *
 * @param sql the conditions, each starting with {@code and}
 * @param params their values by name
 * @param needle whether a term names a few rows (text, subject, SAN, serial,
 * transactionID), to be found by their indexes before the rows are sorted
 */
record CertificateFilter(String sql, Map<String, Object> params, boolean needle) {

	/** The SAN types a bare value is tried with, as SubjectAltNames renders them. */
	private static final List<String> SAN_TYPES = List.of("dns:", "email:", "uri:", "ip:", "upn:");

	private static final String SUBJECT_KEY = "lower(c.subject) collate \"C\"";

	/**
	 * A word more certificates share than this ({@code O=Example}) is checked row by row
	 * along the page's order instead of collected and sorted (bench/search.sh: a word
	 * every certificate has took 24 s at 10^6 rows collected, milliseconds checked).
	 */
	static final int BROAD = 20_000;

	/**
	 * @param broad whether the free text is the start of many names (more than
	 * {@link #BROAD} in production)
	 */
	static CertificateFilter of(CertificateQuery query, Instant now, boolean broad) {
		StringBuilder sql = new StringBuilder();
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.text() != null) {
			List<String> any = new ArrayList<>();
			if (query.text().contains("=")) {
				any.add(subjectPrefix("text", query.text(), params));
			}
			any.add(san("textSans", query.text(), params));
			any.add("c.transaction_id = :textTransaction");
			params.put("textTransaction", query.text());
			if (!query.serials().isEmpty()) {
				any.add("c.serial in (:serials)");
				params.put("serials", query.serials());
			}
			String names = range("textName", "n.name", query.text().toLowerCase(Locale.ROOT), params);
			if (broad) {
				// each row along the order checked by ix_certificate_name_certificate
				sql.append(" and (exists (select 1 from ca.certificate_name n where n.certificate_id = c.id and ")
					.append(names)
					.append(") or ")
					.append(String.join(" or ", any))
					.append(")");
			}
			else {
				// each branch by its own index, the union joined to the certificates by
				// id
				sql.append(" and c.id in (select n.certificate_id from ca.certificate_name n where ")
					.append(names)
					.append(" union all select c.id from ca.certificate c where ")
					.append(String.join(" or ", any))
					.append(")");
			}
		}
		else if (!query.serials().isEmpty()) {
			sql.append(" and c.serial in (:serials)");
			params.put("serials", query.serials());
		}
		if (query.subject() != null) {
			sql.append(" and (").append(subjectPrefix("subject", query.subject(), params)).append(")");
		}
		if (query.contains() != null) {
			// the one condition no index serves: a substring, for when a prefix is not
			// enough
			sql.append(" and (c.subject ilike :contains escape '\\' "
					+ "or exists (select 1 from unnest(c.sans) san where san ilike :contains escape '\\'))");
			params.put("contains",
					"%" + query.contains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (query.san() != null) {
			sql.append(" and ").append(san("sans", query.san(), params));
		}
		condition(sql, params, "c.transaction_id = :transactionId", "transactionId", query.transactionId());
		condition(sql, params, "c.profile = :profile", "profile", query.profile());
		condition(sql, params, "c.template = :template", "template", query.template());
		condition(sql, params, "c.issued_at >= :issuedAfter", "issuedAfter", utc(query.issuedAfter()));
		condition(sql, params, "c.issued_at < :issuedBefore", "issuedBefore", utc(query.issuedBefore()));
		condition(sql, params, "c.not_after >= :expiresAfter", "expiresAfter", utc(query.expiresAfter()));
		condition(sql, params, "c.not_after < :expiresBefore", "expiresBefore", utc(query.expiresBefore()));
		if (query.status() != null) {
			sql.append(switch (query.status()) {
				case IssuedCertificate.REVOKED -> " and c.revoked_at is not null";
				case IssuedCertificate.EXPIRED -> " and c.revoked_at is null and c.not_after <= :now";
				default -> " and c.revoked_at is null and c.not_after > :now";
			});
			params.put("now", utc(now));
		}
		boolean needle = (query.text() != null && !broad) || query.subject() != null || query.san() != null
				|| !query.serials().isEmpty() || query.transactionId() != null;
		return new CertificateFilter(sql.toString(), params, needle);
	}

	/**
	 * A case-insensitive prefix as a range of {@code ix_certificate_subject_lower}; a
	 * value without {@code =} is also tried as the CN ({@code CN=} first, as most
	 * subjects begin).
	 */
	private static String subjectPrefix(String name, String value, Map<String, Object> params) {
		String prefix = value.toLowerCase(Locale.ROOT);
		String range = range(name, SUBJECT_KEY, prefix, params);
		return prefix.contains("=") ? range : range + " or " + range(name + "Cn", SUBJECT_KEY, "cn=" + prefix, params);
	}

	/**
	 * @param key a column or expression in collation "C"
	 */
	private static String range(String name, String key, String prefix, Map<String, Object> params) {
		params.put(name + "From", prefix);
		params.put(name + "To", SearchTerms.successor(prefix));
		return "(" + key + " >= :" + name + "From and " + key + " < :" + name + "To)";
	}

	/**
	 * A whole SAN value, any case, as written ({@code dns:host.example}) or bare
	 * ({@code host.example}, tried with each type), by {@code ix_certificate_san_keys}.
	 */
	private static String san(String name, String value, Map<String, Object> params) {
		String key = value.toLowerCase(Locale.ROOT);
		List<String> keys = new ArrayList<>();
		keys.add(key);
		SAN_TYPES.forEach((type) -> keys.add(type + key));
		params.put(name, keys.toArray(String[]::new));
		return "ca.certificate_san_keys(c.sans) && cast(:" + name + " as text[])";
	}

	private static void condition(StringBuilder sql, Map<String, Object> params, String condition, String name,
			Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			params.put(name, value);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
