package io.keyward.ca.issuance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the V16 ca-adapter wrote to V17, which drops
 * {@code ix_certificate_not_after}: the certificates stay, and the queries by expiry are
 * answered by {@code ix_certificate_not_after_id}, not by a scan.
 */
@CaAdapterTest
class RedundantIndexMigrationTests extends CaMigrationTests {

	@Test
	void whenAV16DatabaseIsMigratedThenExpiryQueriesUseTheWiderIndex() {
		String schema = this.scratch.migrate("16").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		certificate(schema, "0C", "tx-v16", "CN=Expiring", "{dns:expiring.example}", now.minusDays(360));
		certificate(schema, "0D", "tx-v16-later", "CN=Later", "{}", now);
		assertThat(indexes(schema)).contains("ix_certificate_not_after", "ix_certificate_not_after_id");

		this.scratch.migrate();

		assertThat(indexes(schema)).doesNotContain("ix_certificate_not_after").contains("ix_certificate_not_after_id");
		String expiringSoon = "select serial from " + schema + ".certificate where not_after > now() "
				+ "and not_after <= now() + interval '30 days' and revoked_at is null";
		String statistics = "select count(*) filter (where not_after <= now() + interval '7 days') from " + schema
				+ ".certificate where not_after > now() and not_after <= now() + interval '90 days' "
				+ "and revoked_at is null";
		assertThat(this.jdbc.queryForList(expiringSoon, String.class)).containsExactly("0C");
		assertThat(this.jdbc.queryForObject(statistics, Long.class)).isEqualTo(1);
		assertThat(plan(expiringSoon)).contains("ix_certificate_not_after_id");
		assertThat(plan(statistics)).contains("ix_certificate_not_after_id");
	}

	private List<String> indexes(String schema) {
		return this.jdbc.queryForList(
				"select indexname from pg_indexes where schemaname = ? and tablename = 'certificate'", String.class,
				schema);
	}

}
