package io.keyward.ca.issuance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the V4 ca-adapter wrote to V6 (the caller of every issuance): its
 * certificates stay as they were, with no recorded caller.
 */
@CaAdapterTest
class CallerMigrationTests extends CaMigrationTests {

	@Test
	void whenAV4DatabaseIsMigratedThenItsCertificatesAreKeptWithoutACaller() {
		String schema = this.scratch.migrate("4").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		certificate(schema, "0B", "tx-v4", "CN=upgraded", "{dns:a.example}", now);

		this.scratch.migrate();

		Map<String, Object> row = this.jdbc.queryForMap("select * from " + schema + ".certificate where serial = '0B'");
		assertThat(row).containsEntry("subject", "CN=upgraded")
			.containsEntry("transaction_id", "tx-v4")
			.containsEntry("requested_by", null);
		assertThat(
				this.jdbc.update("update " + schema + ".certificate set requested_by = 'gateway' where serial = '0B'"))
			.isEqualTo(1);
	}

}
