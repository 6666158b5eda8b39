package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.problem.InvalidRequest;

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
		Instant now = this.clock.instant();
		StringBuilder sql = new StringBuilder("select * from ca.certificate c where true");
		JdbcClient.StatementSpec statement;
		List<Object[]> params = new ArrayList<>();
		if (query.q() != null) {
			sql.append(" and (c.subject ilike :pattern escape '\\' "
					+ "or exists (select 1 from unnest(c.sans) san where san ilike :pattern escape '\\')");
			params.add(new Object[] { "pattern", "%" + likeEscaped(query.q()) + "%" });
			query.serial().ifPresent((serial) -> {
				sql.append(" or c.serial = :serial");
				params.add(new Object[] { "serial", serial });
			});
			sql.append(")");
		}
		if (query.profile() != null) {
			sql.append(" and c.profile = :profile");
			params.add(new Object[] { "profile", query.profile() });
		}
		if (query.expiresBefore() != null) {
			sql.append(" and c.not_after < :expiresBefore");
			params.add(new Object[] { "expiresBefore", utc(query.expiresBefore()) });
		}
		if (query.status() != null) {
			sql.append(switch (query.status()) {
				case IssuedCertificate.REVOKED -> " and c.revoked_at is not null";
				case IssuedCertificate.EXPIRED -> " and c.revoked_at is null and c.not_after <= :now";
				default -> " and c.revoked_at is null and c.not_after > :now";
			});
			params.add(new Object[] { "now", utc(now) });
		}
		if (query.after() != null) {
			sql.append(" and (c.issued_at, c.id) < (:afterIssuedAt, :afterId)");
			params.add(new Object[] { "afterIssuedAt", utc(query.after().issuedAt()) });
			params.add(new Object[] { "afterId", query.after().id() });
		}
		sql.append(" order by c.issued_at desc, c.id desc limit :limit");
		params.add(new Object[] { "limit", query.size() + 1 });
		statement = this.jdbc.sql(sql.toString());
		for (Object[] param : params) {
			statement = statement.param((String) param[0], param[1]);
		}
		List<Row> rows = statement
			.query((row, number) -> new Row(CertificateStore.certificate(row, number), row.getLong("id")))
			.list();
		List<IssuedCertificate> items = rows.stream()
			.limit(query.size())
			.map((row) -> row.record().toApi(now))
			.toList();
		String next = null;
		if (rows.size() > query.size()) {
			Row last = rows.get(query.size() - 1);
			next = new Cursor(last.record().issuedAt(), last.id()).encode();
		}
		return new CertificateSearchPage(items, next);
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

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Row(CertificateRecord record, long id) {
	}

	/**
	 * Where a page ended: opaque to callers (base64url of {@code <issued_at>|<id>}).
	 */
	record Cursor(Instant issuedAt, long id) {

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((this.issuedAt + "|" + this.id).getBytes(StandardCharsets.US_ASCII));
		}

		static Cursor decode(String cursor) {
			try {
				String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
				int bar = text.indexOf('|');
				return new Cursor(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException ex) {
				throw new InvalidRequest("after is not a cursor this API returned");
			}
		}

	}

}
