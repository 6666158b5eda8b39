package io.keyward.ca.revocation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database the V6 ca-adapter wrote, with a CA rollover already switched: each
 * stored certificate is attributed to the generation that was issuing when it was stored,
 * the issuer whose CRL lists it (RFC 5280 section 5).
 */
@CaAdapterTest
class CertificateIssuerMigrationTests extends CaMigrationTests {

	@Test
	void whenAV6DatabaseIsMigratedThenEachCertificateNamesTheGenerationIssuingWhenItWasStored() {
		String schema = this.scratch.migrate("6").name();
		OffsetDateTime switchAt = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10);
		authority(schema, "root", 1, null);
		authority(schema, "root-g2", 2, switchAt);
		certificate(schema, "0A", "tx-0A", "CN=upgraded", "{dns:a.example}", switchAt.minusDays(30));
		certificate(schema, "0B", "tx-0B", "CN=upgraded", "{dns:a.example}", switchAt.plusDays(1));

		this.scratch.migrate();

		assertThat(caName(schema, "0A")).isEqualTo("root");
		assertThat(caName(schema, "0B")).isEqualTo("root-g2");
	}

	private void authority(String schema, String name, int generation, OffsetDateTime activatesAt) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc.update("insert into " + schema + ".certificate_authority (name, lineage, generation, subject, "
				+ "key_algorithm, certificate_der, certificate_pem, sealed_private_key, not_before, not_after, "
				+ "created_at, activates_at) values (?, 'root', ?, 'CN=Root', 'RSA_2048', '\\x30', 'PEM', '\\x00', ?, "
				+ "?, ?, ?)", name, generation, now.minusYears(1), now.plusYears(10), now, activatesAt);
	}

	private String caName(String schema, String serial) {
		return this.jdbc.queryForObject("select ca_name from " + schema + ".certificate where serial = ?", String.class,
				serial);
	}

}
