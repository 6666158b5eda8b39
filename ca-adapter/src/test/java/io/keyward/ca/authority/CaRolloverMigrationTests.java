package io.keyward.ca.authority;

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
 * Upgrading a database the V4 ca-adapter wrote: its CA becomes the first generation of
 * its own lineage, issuing from the beginning; a second CA of the same generation is
 * refused.
 */
@CaAdapterTest
class CaRolloverMigrationTests extends CaMigrationTests {

	@Test
	void whenAV4DatabaseIsMigratedThenItsCaIsTheFirstGenerationActiveFromTheStart() {
		String schema = this.scratch.migrate("4").name();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc.update("insert into " + schema + ".certificate_authority (name, subject, key_algorithm, "
				+ "certificate_der, certificate_pem, sealed_private_key, not_before, not_after, created_at) values "
				+ "('root', 'CN=Old Root', 'RSA_2048', '\\x3003020101', 'PEM', '\\x00', ?, ?, ?)", now,
				now.plusYears(10), now);

		this.scratch.migrate();

		Map<String, Object> row = this.jdbc
			.queryForMap("select * from " + schema + ".certificate_authority where name = 'root'");
		assertThat(row).containsEntry("lineage", "root")
			.containsEntry("generation", 1)
			.containsEntry("activates_at", null)
			.containsEntry("switched_at", null)
			.containsEntry("new_with_old_der", null)
			.containsEntry("subject", "CN=Old Root");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("insert into " + schema + ".certificate_authority (name, lineage, "
					+ "subject, key_algorithm, certificate_der, certificate_pem, sealed_private_key, not_before, "
					+ "not_after, created_at) values ('root-again', 'root', 'CN=Old Root', 'RSA_2048', '\\x30', "
					+ "'PEM', '\\x00', ?, ?, ?)", now, now.plusYears(10), now));
	}

}
