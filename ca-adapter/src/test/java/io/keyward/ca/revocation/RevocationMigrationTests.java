package io.keyward.ca.revocation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Upgrading a database the V2 ca-adapter wrote: its certificates stay as they were and
 * read as not revoked; a revocation needs its reason.
 */
@CaAdapterTest
class RevocationMigrationTests extends CaMigrationTests {

	@Test
	void whenAV2DatabaseIsMigratedThenItsCertificatesAreKeptUnrevoked() {
		String schema = this.scratch.migrate("2").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		certificate(schema, "0A", "tx-v2", "CN=upgraded", "{dns:a.example}", now);

		this.scratch.migrate();

		Map<String, Object> row = this.jdbc.queryForMap("select * from " + schema + ".certificate where serial = '0A'");
		assertThat(row).containsEntry("subject", "CN=upgraded")
			.containsEntry("transaction_id", "tx-v2")
			.containsEntry("revoked_at", null)
			.containsEntry("revocation_reason", null)
			.containsEntry("replaced_by", null)
			.containsEntry("renewal_of", null);
		assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".crl", Long.class)).isZero();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.jdbc.update("update " + schema + ".certificate set revoked_at = now() where serial = '0A'"));
		assertThat(this.jdbc.update("update " + schema
				+ ".certificate set revoked_at = now(), revocation_reason = 'keyCompromise' where serial = '0A'"))
			.isEqualTo(1);
	}

}
