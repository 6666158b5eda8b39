package io.keyward.ca.issuance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.ca.CaApiTests;
import io.keyward.testsupport.BenchIndexes;
import io.keyward.testsupport.SearchTimings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 16: each kind of certificate search answers in under a second with 10^7
 * certificates stored. Not a test of the suite (its name is no {@code *Tests}, and it
 * runs only with {@code -Dkeyward.bench.rows=N}); {@code bench/search.sh} runs it and
 * collects what it prints. It fills {@code ca.certificate} in SQL
 * ({@code generate_series}, a million rows per statement, the indexes dropped during the
 * fill and built again as pg_restore does), then times each search over the real HTTP API
 * the admin-ui calls: the first call (cold) and the median of five more (warm). It
 * asserts only that each search found what it should; the times are printed, not
 * asserted.
 */
@EnabledIfSystemProperty(named = "keyward.bench.rows", matches = "[0-9]+")
class CertificateSearchBenchmark extends CaApiTests {

	private static final int CHUNK = 1_000_000;

	@Test
	void searchAtSize() throws IOException {
		long rows = Long.getLong("keyward.bench.rows");
		List<String> report = new ArrayList<>();
		long fillStart = System.nanoTime();
		long request = this.jdbc.queryForObject("insert into ca.certificate_request (transaction_id, profile, "
				+ "template, csr, subject, requested_at, status) values (null, 'bench', 'default', '\\x30', "
				+ "'CN=bench', now(), 'ISSUED') returning id", Long.class);
		List<String> indexes = BenchIndexes.drop(this.jdbc, "ca", "certificate",
				List.of("certificate_pkey", "uk_certificate_serial"));
		for (long done = 0; done < rows; done += CHUNK) {
			// device-<i>: issued one a minute back from now, valid two years minus up to
			// three; every hundredth revoked; four profiles; the subject in RFC 2253
			// order
			// as a CSR written CN=device-<i>,O=Bench is stored (the CN last)
			this.jdbc.update("insert into ca.certificate (serial, request_id, subject, sans, not_before, not_after, "
					+ "profile, template, transaction_id, pem, issued_at, revoked_at, revocation_reason, ca_name) "
					+ "select upper(to_hex(i * 2654435761 % 1099511627776 + 1099511627776)), ?, "
					+ "'O=Bench,CN=device-' || i, array['dns:device-' || i || '.bench.example'], "
					+ "now() - i * interval '1 minute', now() - i * interval '1 minute' + interval '730 days' "
					+ "- (i % 1000) * interval '1 day', (array['ios','macos','windows','android'])[i % 4 + 1], "
					+ "'default', 'TX-' || i, 'PEM', now() - i * interval '1 minute', "
					+ "case when i % 100 = 0 then now() end, case when i % 100 = 0 then 'superseded' end, 'bench' "
					+ "from generate_series(?::bigint, ?::bigint) i", request, done + 1, Math.min(rows, done + CHUNK));
		}
		indexes.forEach(this.jdbc::execute);
		this.jdbc.execute("analyze ca.certificate");
		report.add(names());
		report.add(String.format(Locale.ROOT, "rows=%d fill_and_index_s=%.1f table_and_indexes_mb=%d",
				this.jdbc.queryForObject("select count(*) from ca.certificate", Long.class),
				(System.nanoTime() - fillStart) / 1e9,
				this.jdbc.queryForObject("select pg_total_relation_size('ca.certificate') / 1048576", Long.class)));

		long known = rows / 2 + 7;
		String serial = this.jdbc.queryForObject("select serial from ca.certificate where transaction_id = ?",
				String.class, "TX-" + known);
		report.add(time("serial (hex, leading zeros)", () -> search("000" + serial, null), 1));
		report.add(time("serial (decimal)", () -> search("serial:" + new java.math.BigInteger(serial, 16), null), 1));
		report.add(time("word, the CN (not the first RDN)", () -> search("device-" + known, null), 1));
		report.add(time("word, a SAN prefix", () -> search("device-" + known + ".bench", null), 1));
		report.add(time("word every certificate has (O=Bench)", () -> search("bench", null), 50));
		report.add(time("subject prefix as stored", () -> search("subject:o=bench,cn=device-" + known, null), 1));
		report.add(time("SAN", () -> search("san:device-" + known + ".bench.example", null), 1));
		report.add(time("transactionID", () -> search("txid:TX-" + known, null), 1));
		report.add(time("no match (free text)", () -> search("no-such-device", null), 0));
		report.add(time("status + expiry", () -> search("status:valid expires:<30d", null), 50));
		report.add(time("status + expiry, by expiry", () -> search("status:valid expires:<30d", "expires:asc"), 50));
		report.add(time("revoked, profile", () -> search("status:revoked profile:ios", null), 50));
		report.add(time("first page", () -> search(null, null), 50));
		report.add(time("first page by subject", () -> search(null, "subject"), 50));
		String deep = cursorAt(rows * 9 / 10, CertificateSort.DEFAULT);
		report.add(time("deep page (row 9/10)", () -> this.client.search(null, null, null, null, deep, 50, null),
				(int) Math.min(50, rows / 10 - 1)));
		CertificateSort bySubject = CertificateSort.parse("subject");
		String deepSubject = cursorAt(rows * 9 / 10, bySubject);
		report.add(time("deep page by subject (row 9/10)",
				() -> this.client.search(null, null, null, null, deepSubject, 50, bySubject.spelling()),
				(int) Math.min(50, rows / 10 - 1)));
		report.forEach(System.out::println);
		Path out = Path.of("target", "bench", "search-" + rows + ".txt");
		Files.createDirectories(out.getParent());
		Files.write(out, report);
	}

	/**
	 * Fills {@code ca.certificate_name} from the certificates as migration V16's backfill
	 * does (one insert, the key and the reference added afterwards), so its figure is the
	 * backfill's cost at this size.
	 */
	private String names() {
		long start = System.nanoTime();
		this.jdbc.execute("alter table ca.certificate_name drop constraint fk_certificate_name_certificate");
		this.jdbc.execute("alter table ca.certificate_name drop constraint pk_certificate_name");
		this.jdbc.execute("drop index ca.ix_certificate_name_certificate");
		long names = this.jdbc.update("insert into ca.certificate_name (certificate_id, name) select c.id, n.name "
				+ "from ca.certificate c, ca.certificate_names(c.subject, c.sans) n(name) where c.ca_name = 'bench'");
		this.jdbc.execute("alter table ca.certificate_name add constraint pk_certificate_name "
				+ "primary key (name, certificate_id)");
		this.jdbc.execute("create index ix_certificate_name_certificate on ca.certificate_name (certificate_id, name)");
		this.jdbc.execute("alter table ca.certificate_name add constraint fk_certificate_name_certificate "
				+ "foreign key (certificate_id) references ca.certificate (id) on delete cascade");
		this.jdbc.execute("analyze ca.certificate_name");
		return String.format(Locale.ROOT, "names=%d names_backfill_s=%.1f names_table_and_key_mb=%d", names,
				(System.nanoTime() - start) / 1e9,
				this.jdbc.queryForObject("select pg_total_relation_size('ca.certificate_name') / 1048576", Long.class));
	}

	private CertificateSearchPage search(String q, String sort) {
		return this.client.search(q, null, null, null, null, 50, sort);
	}

	/**
	 * @return the cursor a reader paging through that order would hold after row
	 * {@code offset} (found here by OFFSET, once, outside the timing)
	 */
	private String cursorAt(long offset, CertificateSort sort) {
		String key = sort.column().temporal()
				? "to_char(" + sort.column().sql + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
				: "lower(c.subject)";
		var row = this.jdbc.queryForMap(
				"select " + key + " as key, c.id from ca.certificate c" + sort.orderBy() + " offset ? limit 1", offset);
		return new CertificateInventory.Cursor(sort, (String) row.get("key"), (Long) row.get("id")).encode();
	}

	private static String time(String kind, Supplier<CertificateSearchPage> search, int expected) {
		return SearchTimings.time(kind, () -> search.get().items().size(), expected);
	}

}
