package io.keyward.gateway.transaction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.KeysetCursor;
import io.keyward.edge.search.SearchTerms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The request search ({@code GET /api/v1/transactions?q=&sort=&after=}): the search box's
 * conditions ({@link TransactionSearchSyntax}) in one of the keyset orders
 * ({@link TransactionSort}). The cursor is the last row's key and id, so a page costs the
 * same however deep it is and requests recorded meanwhile do not shift it. No count:
 * counting ten million rows is what keyset paging avoids.
 * <p>
 * A free-text word is first counted among the requests' names (migration V20), stopping
 * past {@link #BROAD}: a rare word's requests are collected by the names' key and sorted;
 * a word most requests share ({@code O=Example}) is checked row by row along the page's
 * order instead, as the certificate search does (docs/performance.md).
 */
@Component
class TransactionSearch {

	/**
	 * A word more names start than this is checked along the order instead of collected
	 * and sorted (bench/search.sh: collecting a word every certificate has took 24 s at
	 * 10^6 rows, checking it milliseconds).
	 */
	static final int BROAD = 20_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	TransactionSearch(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	TransactionPage search(String q, String sort, String after, int size) {
		return search(q, sort, after, size, BROAD);
	}

	/**
	 * @param broadNames how many names a word starts before it counts as broad
	 */
	TransactionPage search(String q, String sort, String after, int size, int broadNames) {
		TransactionSort order = TransactionSort.parse(sort);
		TransactionSearchSyntax filter = new TransactionSearchSyntax(this.clock.instant(),
				(text) -> broad(text, broadNames))
			.parse(q);
		Object[] afterKeys = null;
		UUID afterId = null;
		if (after != null && !after.isBlank()) {
			KeysetCursor cursor = KeysetCursor.decode(after, order.spelling());
			try {
				afterKeys = order.boundKeys(cursor.key());
				afterId = UUID.fromString(cursor.id());
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new InvalidRequest("after is not a cursor this API returned");
			}
		}
		String matching = "select " + TransactionHistory.COLUMNS + ", " + TransactionSearchSyntax.SUBJECT_KEY
				+ " as subject_key from transaction t where true" + filter.sql();
		// A needle (a serial, a subject, a transactionID) matches a handful of rows: find
		// them by their indexes first, then sort (OFFSET 0 fences the planner off walking
		// the whole order index under the LIMIT)
		StringBuilder sql = new StringBuilder(
				filter.needle() ? "select * from (" + matching + " offset 0) t where true" : matching);
		if (afterKeys != null) {
			sql.append(order.after());
		}
		sql.append(order.orderBy()).append(" limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString());
		for (Map.Entry<String, Object> param : filter.params().entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		if (afterKeys != null) {
			for (int i = 0; i < afterKeys.length; i++) {
				statement = statement.param("afterKey" + i, afterKeys[i]);
			}
			statement = statement.param("afterId", afterId);
		}
		List<Row> rows = statement.param("limit", size + 1)
			.query((rs, number) -> new Row(TransactionHistory.map(rs, number), rs.getString("subject_key"),
					rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant().toString()))
			.list();
		List<EnrollmentTransaction> items = rows.stream().limit(size).map(Row::transaction).toList();
		String next = null;
		if (rows.size() > size) {
			Row last = rows.get(size - 1);
			next = new KeysetCursor(order.spelling(), last.key(order), last.transaction().id()).encode();
		}
		return new TransactionPage(items, 0, size, TransactionPage.NOT_COUNTED, next);
	}

	/**
	 * @return whether more than {@code broadNames} names start with the free text
	 * (counted by the names' key, stopping there)
	 */
	private boolean broad(String text, int broadNames) {
		String prefix = text.toLowerCase(Locale.ROOT);
		return this.jdbc
			.sql("select count(*) from (select 1 from transaction_name where name >= :from and name < :to "
					+ "limit :limit) n")
			.param("from", prefix)
			.param("to", SearchTerms.successor(prefix))
			.param("limit", broadNames + 1)
			.query(Long.class)
			.single() > broadNames;
	}

	private record Row(EnrollmentTransaction transaction, String subjectKey, String status, String created) {

		String key(TransactionSort order) {
			return switch (order.column()) {
				case CREATED -> this.created;
				case SUBJECT -> this.subjectKey;
				case STATUS -> this.status + "|" + this.created;
			};
		}

	}

}
