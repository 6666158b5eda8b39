package io.keyward.gateway.tls;

import java.util.UUID;

import javax.sql.DataSource;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * V9 (the TLS certificate) on a database holding V7 rows: they stay, the new table starts
 * empty, and it holds one CURRENT certificate per set of host names.
 */
class TlsCertificateMigrationTests extends AbstractGatewayTests {

	@Autowired
	DataSource dataSource;

	@Test
	void whenV7RowsExistThenV9KeepsThemAndAllowsOneCurrentCertificatePerHostNames() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway").migrate("7")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".ra_key (id, purpose, certificate, sealed_private_key, "
					+ "serial_number, not_after, created_at, state) values (?, 'signing', ?, ?, 'AB', now(), now(), "
					+ "'CURRENT')", UUID.randomUUID(), new byte[] { 1 }, new byte[] { 2 });
			scratch.migrate();

			assertThat(this.jdbc.queryForObject("select serial_number from " + schema + ".ra_key", String.class))
				.isEqualTo("AB");
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".tls_certificate", Integer.class))
				.isZero();
			String insert = "insert into " + schema + ".tls_certificate (id, host_names, certificate, "
					+ "sealed_private_key, serial_number, not_after, created_at, state) "
					+ "values (?, ?, ?, ?, ?, now(), now(), ?)";
			this.jdbc.update(insert, UUID.randomUUID(), "a.example", new byte[] { 1 }, new byte[] { 2 }, "01",
					"RETIRED");
			this.jdbc.update(insert, UUID.randomUUID(), "a.example", new byte[] { 1 }, new byte[] { 2 }, "02",
					"CURRENT");
			this.jdbc.update(insert, UUID.randomUUID(), "b.example", new byte[] { 1 }, new byte[] { 2 }, "03",
					"CURRENT");
			assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.update(insert,
					UUID.randomUUID(), "a.example", new byte[] { 1 }, new byte[] { 2 }, "04", "CURRENT"));
		}
	}

}
