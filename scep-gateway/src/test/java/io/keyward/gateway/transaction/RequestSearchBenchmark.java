package io.keyward.gateway.transaction;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.keyward.edge.search.KeysetCursor;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.BenchIndexes;
import io.keyward.testsupport.SearchTimings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 16: each kind of request search answers in under a second with 10^7 requests
 * stored. Not a test of the suite (its name is no {@code *Tests}, and it runs only with
 * {@code -Dkeyward.bench.rows=N}); {@code bench/search.sh requests} runs it. It fills
 * {@code gateway.transaction} in SQL ({@code generate_series}, a million rows per
 * statement, the search indexes dropped during the fill and built again) and its names as
 * migration V20's backfill does (timed apart), then times each search over the gateway's
 * real HTTP API, the one the admin-ui calls: the first call (cold) and the median of five
 * more (warm). Times are printed, never asserted.
 */
@EnabledIfSystemProperty(named = "keyward.bench.rows", matches = "[0-9]+")
class RequestSearchBenchmark extends AbstractGatewayTests {

	private static final int CHUNK = 1_000_000;

	private static final Pattern ITEM = Pattern.compile("\"transactionId\":");

	private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

	@Test
	void searchAtSize() throws IOException {
		long rows = Long.getLong("keyward.bench.rows");
		List<String> report = new ArrayList<>();
		long fillStart = System.nanoTime();
		this.jdbc.update("delete from gateway.transaction where profile like 'bench-%'");
		List<String> indexes = BenchIndexes.drop(this.jdbc, "gateway", "transaction",
				List.of("transaction_pkey", "transaction_profile_transaction_id_unique"));
		for (long done = 0; done < rows; done += CHUNK) {
			// device-<i>: one a minute back from now, the CN first when i is even,
			// last when odd (either order a CSR may have); every twentieth refused,
			// every fiftieth pending, every ninety-seventh waiting for approval, the
			// rest issued (with a serial); every tenth a renewal; four profiles
			this.jdbc.update("insert into gateway.transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, failure_reason, certificate_serial, "
					+ "created_at, updated_at) select gen_random_uuid(), "
					+ "(array['bench-ios','bench-macos','bench-windows','bench-android'])[i % 4 + 1], 'TX-' || i, "
					+ "case when i % 10 = 0 then 'RenewalReq' else 'PKCSReq' end, 'aa', 'bb', "
					+ "case when i % 2 = 0 then 'CN=device-' || i || ',O=Bench' else 'O=Bench,CN=device-' || i end, "
					+ "s.status, " + "case when s.status = 'FAILED' then 'challengePassword wrong' end, "
					+ "case when s.status = 'ISSUED' then upper(to_hex(i * 2654435761 % 1099511627776 "
					+ "+ 1099511627776)) end, now() - i * interval '1 minute', now() - i * interval '1 minute' "
					+ "from generate_series(?::bigint, ?::bigint) i, lateral (select case when i % 20 = 0 then "
					+ "'FAILED' when i % 50 = 1 then 'RECEIVED' when i % 97 = 2 then 'WAITING_APPROVAL' "
					+ "else 'ISSUED' end as status) s", done + 1, Math.min(rows, done + CHUNK));
		}
		indexes.forEach(this.jdbc::execute);
		this.jdbc.execute("analyze gateway.transaction");
		report.add(String.format(Locale.ROOT, "rows=%d fill_and_index_s=%.1f table_and_indexes_mb=%d",
				this.jdbc.queryForObject("select count(*) from gateway.transaction", Long.class),
				(System.nanoTime() - fillStart) / 1e9, this.jdbc
					.queryForObject("select pg_total_relation_size('gateway.transaction') / 1048576", Long.class)));
		report.add(names());

		// an issued one: not a multiple of 20, never 1 modulo 50, not 2 modulo 97;
		// odd, so its CN is stored last (O=Bench,CN=device-<known>)
		long known = rows / 2 + 7 - (rows / 2 + 7) % 20 + 3;
		while (known % 97 == 2) {
			known += 20;
		}
		String serial = this.jdbc.queryForObject(
				"select certificate_serial from gateway.transaction where transaction_id = ?", String.class,
				"TX-" + known);
		String day = this.jdbc
			.queryForObject("select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') from gateway.transaction "
					+ "where transaction_id = ?", String.class, "TX-" + known);
		// the gateway's first request pays class loading and the JIT: a transactionID
		// that matches nothing (one probe of a small index), so the cold figures below
		// are the database's
		report.add(time("first request of the JVM (txid matching nothing)", "txid:warm-up", null, 0));
		report.add(time("serial (hex, leading zeros)", "000" + serial, null, 1));
		report.add(time("serial (decimal)", "serial:" + new BigInteger(serial, 16), null, 1));
		// a word: the start of an RDN value, found through gateway.transaction_name
		report.add(time("word: CN stored last", "device-" + known, null, 1));
		// its first digits but three: 1 + 10 + 100 + 1000 names start with it
		String digits = Long.toString(known);
		report.add(time("word: CN, ~1 111 names", "device-" + digits.substring(0, Math.max(1, digits.length() - 3)),
				null, 50));
		report.add(time("word: O every request has", "bench", null, 50));
		report.add(time("word: O every request has, by subject", "bench", "subject:asc", 50));
		report.add(time("word: O every request has, refused", "bench status:refused", null, 50));
		report.add(time("subject: prefix (as stored)", "subject:O=Bench,CN=device-" + known, null, 1));
		report.add(time("transactionID", "txid:TX-" + known, null, 1));
		report.add(time("no match (free text)", "no-such-device", null, 0));
		report.add(time("refused, profile", "status:refused profile:bench-ios", null, 50));
		report.add(time("pending", "status:pending", null, 50));
		report.add(time("one day (from/to)", "from:" + day + " to:" + day, null, 50));
		report.add(time("renewals, one profile", "type:renewal profile:bench-ios", null, 50));
		report.add(time("first page", "", null, 50));
		report.add(time("first page by subject", "", "subject:asc", 50));
		report.add(time("first page by status", "", "status:asc", 50));
		String deep = cursorAt(rows * 9 / 10, TransactionSort.DEFAULT);
		report.add(timeAfter("deep page (row 9/10)", TransactionSort.DEFAULT, deep));
		TransactionSort bySubject = TransactionSort.parse("subject:asc");
		report.add(timeAfter("deep page by subject (row 9/10)", bySubject, cursorAt(rows * 9 / 10, bySubject)));
		report.forEach(System.out::println);
		Path out = Path.of("target", "bench", "request-search-" + rows + ".txt");
		Files.createDirectories(out.getParent());
		Files.write(out, report);
	}

	/**
	 * Fills {@code gateway.transaction_name} from the requests as migration V20's
	 * backfill does (one insert, the key and the reference added afterwards), so its
	 * figure is the backfill's cost at this size.
	 */
	private String names() {
		long start = System.nanoTime();
		this.jdbc.execute("alter table gateway.transaction_name drop constraint transaction_name_request_fkey");
		this.jdbc.execute("alter table gateway.transaction_name drop constraint transaction_name_pkey");
		this.jdbc.execute("drop index gateway.transaction_name_request_idx");
		long names = this.jdbc.update("insert into gateway.transaction_name (request_id, name) select t.id, n.name "
				+ "from gateway.transaction t, gateway.transaction_names(t.subject, null) n(name) "
				+ "where t.subject is not null and t.profile like 'bench-%'");
		this.jdbc.execute("alter table gateway.transaction_name add constraint transaction_name_pkey "
				+ "primary key (name, request_id)");
		this.jdbc.execute("alter table gateway.transaction_name add constraint transaction_name_request_fkey "
				+ "foreign key (request_id) references gateway.transaction (id) on delete cascade");
		this.jdbc.execute("create index transaction_name_request_idx on gateway.transaction_name (request_id, name)");
		this.jdbc.execute("analyze gateway.transaction_name");
		return String.format(Locale.ROOT, "names=%d names_backfill_s=%.1f names_table_and_key_mb=%d", names,
				(System.nanoTime() - start) / 1e9, this.jdbc
					.queryForObject("select pg_total_relation_size('gateway.transaction_name') / 1048576", Long.class));
	}

	private String time(String kind, String q, String sort, int expected) {
		String query = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + ((sort != null) ? "&sort=" + sort : "");
		return SearchTimings.time(kind, () -> items(query), expected);
	}

	private String timeAfter(String kind, TransactionSort sort, String cursor) {
		return SearchTimings.time(kind, () -> items("q=&sort=" + sort.spelling() + "&after=" + cursor), 1);
	}

	private int items(String query) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(uri("/api/v1/transactions?size=50&" + query))
					.header("Authorization", "Bearer " + ADMIN_TOKEN)
					.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new AssertionError(query + ": HTTP " + response.statusCode() + " " + response.body());
			}
			return (int) ITEM.matcher(response.body()).results().count();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * @return the cursor a reader paging through that order would hold after row
	 * {@code offset} (found here by OFFSET, once, outside the timing)
	 */
	private String cursorAt(long offset, TransactionSort sort) {
		Map<String, Object> row = this.jdbc
			.queryForMap(
					"select t.id, t.status, t.created_at, " + TransactionSearchSyntax.SUBJECT_KEY
							+ " as subject_key from gateway.transaction t" + sort.orderBy() + " offset ? limit 1",
					offset);
		String created = ((Timestamp) row.get("created_at")).toInstant().toString();
		String key = switch (sort.column()) {
			case CREATED -> created;
			case SUBJECT -> (String) row.get("subject_key");
			case STATUS -> row.get("status") + "|" + created;
		};
		return new KeysetCursor(sort.spelling(), key, row.get("id").toString()).encode();
	}

}
