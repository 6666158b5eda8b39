package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.KeysetCursor;
import io.keyward.edge.search.SearchTerms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads issued certificates: one by serial, or a search with keyset paging (newest issued
 * first, by {@code ix_certificate_issued_at}; the cursor is the last row's
 * {@code (issued_at, id)}, so a page costs the same however deep it is and rows issued
 * meanwhile do not shift it).
 */
@Component
public class CertificateInventory {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	CertificateInventory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param serial as stored ({@link #normalizeSerial})
	 */
	public Optional<IssuedCertificate> find(String serial) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select * from ca.certificate where serial = :serial")
			.param("serial", serial)
			.query(CertificateStore::certificate)
			.optional()
			.map((record) -> record.toApi(now));
	}

	CertificateSearchPage search(CertificateQuery query) {
		return search(query, CertificateFilter.BROAD);
	}

	/**
	 * @param broadNames how many names a word starts before it counts as broad
	 */
	CertificateSearchPage search(CertificateQuery query, int broadNames) {
		Instant now = this.clock.instant();
		CertificateSort sort = query.sort();
		CertificateFilter filter = CertificateFilter.of(query, now, broad(query.text(), broadNames));
		String matching = "select c.*, lower(c.subject) as subject_key from ca.certificate c where true" + filter.sql();
		// A needle (a serial, a name, a transactionID) matches a handful of rows: find
		// them by their indexes first, then sort. Without the fence (OFFSET 0) the
		// planner may walk the whole sort index under the LIMIT, row by row.
		StringBuilder sql = new StringBuilder(
				filter.needle() ? "select * from (" + matching + " offset 0) c where true" : matching);
		if (query.after() != null) {
			sql.append(sort.after());
		}
		sql.append(sort.orderBy()).append(" limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString());
		for (var param : filter.params().entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		if (query.after() != null) {
			statement = statement.param("afterKey", query.after().boundKey()).param("afterId", query.after().id());
		}
		List<Row> rows = statement.param("limit", query.size() + 1)
			.query((row, number) -> new Row(CertificateStore.certificate(row, number), row.getLong("id"),
					sort.column().temporal()
							? row.getObject(sort.column().resultColumn, OffsetDateTime.class).toInstant().toString()
							: row.getString(sort.column().resultColumn)))
			.list();
		List<IssuedCertificate> items = rows.stream()
			.limit(query.size())
			.map((row) -> row.record().toApi(now))
			.toList();
		String next = null;
		if (rows.size() > query.size()) {
			Row last = rows.get(query.size() - 1);
			next = new Cursor(sort, last.key(), last.id()).encode();
		}
		return new CertificateSearchPage(items, next);
	}

	/**
	 * @return whether more than {@code broadNames} names start with the free text
	 * (counted by the names' key, stopping there)
	 */
	private boolean broad(String text, int broadNames) {
		if (text == null) {
			return false;
		}
		String prefix = text.toLowerCase(Locale.ROOT);
		return this.jdbc
			.sql("select count(*) from (select 1 from ca.certificate_name where name >= :from "
					+ "and name < :to limit :limit) n")
			.param("from", prefix)
			.param("to", SearchTerms.successor(prefix))
			.param("limit", broadNames + 1)
			.query(Long.class)
			.single() > broadNames;
	}

	/**
	 * Accept the serial as any hex spelling (lower case, leading zeros, colon separators
	 * as printed by OpenSSL) and return the stored form: upper case, no leading zeros.
	 * @throws InvalidRequest when it is not a hex number (answered 400)
	 */
	public static String normalizeSerial(String serial) {
		return parseSerial(serial).orElseThrow(() -> new InvalidRequest("serial must be a hexadecimal number"));
	}

	static Optional<String> parseSerial(String serial) {
		String hex = serial.strip().replace(":", "");
		if (!hex.matches("[0-9A-Fa-f]{1,64}")) {
			return Optional.empty();
		}
		return Optional.of(SerialNumbers.key(new BigInteger(hex, 16)));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Row(CertificateRecord record, long id, String key) {
	}

	/**
	 * Where a page ended: opaque to callers (base64url of {@code <sort>|<key>|<id>}); a
	 * cursor is only good for the order it was made in.
	 */
	record Cursor(CertificateSort sort, String key, long id) {

		String encode() {
			return new KeysetCursor(this.sort.spelling(), this.key, Long.toString(this.id)).encode();
		}

		/**
		 * @return the key as the SQL parameter its column compares with
		 */
		Object boundKey() {
			return this.sort.column().temporal() ? utc(Instant.parse(this.key)) : this.key;
		}

		static Cursor decode(String cursor, CertificateSort sort) {
			KeysetCursor keyset = KeysetCursor.decode(cursor, sort.spelling());
			try {
				Cursor decoded = new Cursor(sort, keyset.key(), Long.parseLong(keyset.id()));
				decoded.boundKey();
				return decoded;
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new InvalidRequest("after is not a cursor this API returned");
			}
		}

	}

}
