package io.keyward.challenge.life;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V13 on a database holding challenges of V7: each gets a correlation id of its own, and
 * the life table starts empty (their mint happened before the record).
 */
class CorrelationMigrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenUpgradedFromV7ThenEveryChallengeGetsItsOwnCorrelationId() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("7")) {
			JdbcClient client = JdbcClient.create(this.dataSource);
			String schema = scratch.name();
			for (int i = 0; i < 3; i++) {
				client
					.sql("insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
							+ "expires_at) values (?, 'default', 'default', now(), now() + interval '1 hour')")
					.param(UUID.randomUUID().toString().getBytes())
					.update();
			}
			scratch.migrate();
			List<UUID> ids = client.sql("select correlation_id from " + schema + ".challenge").query(UUID.class).list();
			assertThat(ids).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
			assertThat(client.sql("select count(*) from " + schema + ".challenge_event").query(Integer.class).single())
				.isZero();
		}
	}

}
