package io.keyward.ca.issuance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the V15 ca-adapter wrote to V16 (the names a word finds): the
 * certificates already stored get a row per RDN value and SAN value, unescaped and in
 * lower case, and a word's range is answered by the names' key, not by a scan.
 */
@CaAdapterTest
class CertificateNameMigrationTests extends CaMigrationTests {

	@Test
	void whenAV15DatabaseIsMigratedThenEveryRdnAndSanValueOfItsCertificatesIsAName() {
		String schema = this.scratch.migrate("15").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long request = this.jdbc.queryForObject("insert into " + schema + ".certificate_request (transaction_id, "
				+ "profile, template, csr, subject, requested_at, status, csr_sha256) values ('tx-v15', 'devices', "
				+ "'default', '\\x3003020101', 'O=Acme,CN=device-7', ?, 'ISSUED', 'ab') returning id", Long.class, now);
		String insert = "insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
				+ "not_after, profile, template, transaction_id, pem, issued_at) values (?, ?, ?, ?::text[], ?, ?, "
				+ "'devices', 'default', 'tx-v15', 'PEM', ?)";
		this.jdbc.update(insert, "0B", request, "O=Acme,CN=device-7", "{dns:Device-7.Fleet.Example,ip:10.0.0.7}", now,
				now.plusDays(365), now);
		this.jdbc.update(insert, "0C", request, "O=Acme\\, Inc.+OU=Fleet\\+Ops,CN=tablet-3", "{}", now,
				now.plusDays(365), now);

		this.scratch.migrate();

		assertThat(names(schema, "0B")).containsExactly("10.0.0.7", "acme", "device-7", "device-7.fleet.example");
		assertThat(names(schema, "0C")).containsExactly("acme, inc.", "fleet+ops", "tablet-3");
		String byWord = "select c.serial from " + schema + ".certificate c where c.id in (select n.certificate_id from "
				+ schema + ".certificate_name n where n.name >= 'device' and n.name < 'devicf') order by c.serial";
		assertThat(this.jdbc.queryForList(byWord, String.class)).containsExactly("0B");
		assertThat(plan(byWord)).contains("pk_certificate_name");
	}

	private List<String> names(String schema, String serial) {
		return this.jdbc.queryForList(
				"select n.name from " + schema + ".certificate_name n join " + schema
						+ ".certificate c on c.id = n.certificate_id where c.serial = ? order by n.name",
				String.class, serial);
	}

}
