package io.keyward.challenge.onetime;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V10 on a database that holds V7-shaped rows: every challenge keeps its state and gets
 * its own public id, nothing is bound to a CSR, and the bootstrap client may now read,
 * list and revoke.
 */
class ChallengeV10MigrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenV7RowsExistThenV10KeepsThemWithAPublicIdEach() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("7")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".api_client (name, key_hash, scopes, created_at) values "
					+ "('bootstrap', 'aa', 'challenge:mint', now()), ('mdm-x', 'bb', 'challenge:mint', now())");
			this.jdbc.update("insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
					+ "expires_at, api_client_id, bound_sid) select sha256(uuid_send(gen_random_uuid())), 'default', "
					+ "'default', now(), now() + interval '1 hour', (select min(id) from " + schema
					+ ".api_client), case when n = 1 then 'S-1-5-21-1-2-3-500' end from generate_series(1, 3) n");
			this.jdbc.update("update " + schema + ".challenge set redeemed_at = now(), transaction_id = 'TX-V7' "
					+ "where id = (select max(id) from " + schema + ".challenge)");

			scratch.migrate();

			assertThat(this.jdbc.queryForObject("select count(distinct public_id) from " + schema + ".challenge",
					Integer.class))
				.isEqualTo(3);
			assertThat(this.jdbc.queryForList("select transaction_id from " + schema + ".challenge order by id",
					String.class))
				.containsExactly(null, null, "TX-V7");
			assertThat(this.jdbc.queryForList(
					"select bound_sid from " + schema + ".challenge where bound_to_csr " + "or bound_sid is not null",
					String.class))
				.containsExactly("S-1-5-21-1-2-3-500");
			assertThat(
					this.jdbc.queryForList("select scopes from " + schema + ".api_client order by name", String.class))
				.isEqualTo(List.of("challenge:mint challenge:read challenge:list challenge:revoke", "challenge:mint"));
			// the purge may now drop a secret and keep the record
			assertThat(this.jdbc.update("update " + schema + ".challenge set challenge_hash = null")).isEqualTo(3);
		}
	}

}
