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
		certificate(schema, "0A", switchAt.minusDays(30));
		certificate(schema, "0B", switchAt.plusDays(1));

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

	private void certificate(String schema, String serial, OffsetDateTime issuedAt) {
		long request = this.jdbc.queryForObject(
				"insert into " + schema + ".certificate_request (transaction_id, "
						+ "profile, template, csr, subject, requested_at, status, csr_sha256) values (?, 'devices', "
						+ "'default', '\\x3003020101', 'CN=upgraded', ?, 'ISSUED', 'ab') returning id",
				Long.class, "tx-" + serial, issuedAt);
		this.jdbc.update(
				"insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
						+ "not_after, profile, template, transaction_id, pem, issued_at) values (?, ?, 'CN=upgraded', "
						+ "'{dns:a.example}', ?, ?, 'devices', 'default', ?, 'PEM', ?)",
				serial, request, issuedAt, issuedAt.plusDays(365), "tx-" + serial, issuedAt);
	}

	private String caName(String schema, String serial) {
		return this.jdbc.queryForObject("select ca_name from " + schema + ".certificate where serial = ?", String.class,
				serial);
	}

}
