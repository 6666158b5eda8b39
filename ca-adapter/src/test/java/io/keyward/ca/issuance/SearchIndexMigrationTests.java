package io.keyward.ca.issuance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the V14 ca-adapter wrote to V15 (the search indexes): its
 * certificates are indexed by subject prefix, SAN value and expiry, and the search's own
 * conditions are answered by those indexes, not by a scan.
 */
@CaAdapterTest
class SearchIndexMigrationTests extends CaMigrationTests {

	@Test
	void whenAV14DatabaseIsMigratedThenItsCertificatesAreFoundThroughTheNewIndexes() {
		String schema = this.scratch.migrate("14").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		certificate(schema, "0B", "tx-v14", "CN=Upgraded", "{dns:Host.Example}", now);

		this.scratch.migrate();

		assertThat(this.jdbc.queryForObject("select " + schema + ".certificate_san_keys(sans)::text from " + schema
				+ ".certificate where serial = '0B'", String.class))
			.isEqualTo("{dns:host.example}");
		String bySan = "select serial from " + schema + ".certificate c where " + schema
				+ ".certificate_san_keys(c.sans) && cast(array['dns:host.example'] as text[])";
		String bySubject = "select serial from " + schema + ".certificate c where lower(c.subject) collate \"C\" >= "
				+ "'cn=upg' and lower(c.subject) collate \"C\" < 'cn=uph' order by lower(c.subject) collate \"C\", c.id";
		String byExpiry = "select serial from " + schema
				+ ".certificate c where c.not_after < now() + interval '400 days' " + "order by c.not_after, c.id";
		assertThat(this.jdbc.queryForList(bySan, String.class)).containsExactly("0B");
		assertThat(this.jdbc.queryForList(bySubject, String.class)).containsExactly("0B");
		assertThat(plan(bySan)).contains("ix_certificate_san_keys");
		assertThat(plan(bySubject)).contains("ix_certificate_subject_lower");
		assertThat(plan(byExpiry)).contains("ix_certificate_not_after_id");
	}

}
