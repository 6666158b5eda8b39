package io.keyward.challenge.intune;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 adds the table of validated Intune requests to a database that holds the previous
 * version's challenges, which it leaves as they were.
 */
class ValidatedRequestMigrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenUpgradedFromV13ThenChallengesStayAndTheValidatedRequestTableIsEmpty() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("13")) {
			JdbcClient client = JdbcClient.create(this.dataSource);
			String schema = scratch.name();
			client
				.sql("insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
						+ "expires_at) values (?, 'intune', 'intune-device', now(), now() + interval '1 hour')")
				.param(UUID.randomUUID().toString().getBytes())
				.update();
			scratch.migrate();
			assertThat(client.sql("select count(*) from " + schema + ".challenge where profile = 'intune'")
				.query(Integer.class)
				.single()).isOne();
			assertThat(client.sql("select count(*) from " + schema + ".intune_validated_request")
				.query(Integer.class)
				.single()).isZero();
			client
				.sql("insert into " + schema + ".intune_validated_request values ('TX', 'intune', 'MIIB', now(), "
						+ "now() + interval '2 hours')")
				.update();
		}
	}

}
