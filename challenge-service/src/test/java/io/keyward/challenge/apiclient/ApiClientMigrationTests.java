package io.keyward.challenge.apiclient;

import javax.sql.DataSource;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V9 on a database that holds V7 data: every client's one key becomes its first key of
 * {@code api_client_key}, still accepted; the bootstrap client gains the challenge API's
 * new scopes, others keep theirs; challenges keep their client.
 */
class ApiClientMigrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenMigratedFromV7ThenEachClientsKeyIsItsFirstKeyAndStillAuthenticates() throws Exception {
		try (ScratchSchema schema = ScratchSchema.of(this.dataSource, "challenge").migrate("7")) {
			String s = schema.name();
			this.jdbc.update(
					"insert into " + s + ".api_client (name, key_hash, scopes, created_at) values "
							+ "('bootstrap', ?, 'challenge:mint', '2026-01-01T00:00:00Z'), "
							+ "('fleet', ?, 'challenge:mint', '2026-02-01T00:00:00Z')",
					ApiKeys.digest("kw_old-bootstrap"), ApiKeys.digest("kw_old-fleet"));
			this.jdbc.update("insert into " + s + ".challenge (challenge_hash, profile, template, created_at, "
					+ "expires_at, api_client_id) select '\\x01'::bytea, 'default', 'default', now(), now(), id from "
					+ s + ".api_client where name = 'fleet'");

			schema.migrate();

			assertThat(this.jdbc.queryForList("select c.name || ' ' || k.label || ' ' || k.created_at::date from " + s
					+ ".api_client_key k join " + s + ".api_client c on c.id = k.api_client_id order by c.name",
					String.class))
				.containsExactly("bootstrap initial 2026-01-01", "fleet initial 2026-02-01");
			assertThat(this.jdbc.queryForList("select scopes from " + s + ".api_client order by name", String.class))
				.containsExactly("challenge:mint challenge:read challenge:list challenge:revoke", "challenge:mint");
			ApiClients clients = new ApiClients(JdbcClient.create(this.dataSource), s);
			ApiClients.KeyMatch fleet = clients.findByActiveKey(ApiKeys.digest("kw_old-fleet")).orElseThrow();
			assertThat(fleet.principal().name()).isEqualTo("fleet");
			assertThat(fleet.principal().profiles()).as("every profile").isNull();
			assertThat(fleet.principal().maxOutstanding()).isZero();
			assertThat(this.jdbc.queryForObject(
					"select a.name from " + s + ".challenge c join " + s + ".api_client a on a.id = c.api_client_id",
					String.class))
				.isEqualTo("fleet");
		}
	}

}
