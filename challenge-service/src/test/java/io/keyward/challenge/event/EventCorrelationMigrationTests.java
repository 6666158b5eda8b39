package io.keyward.challenge.event;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V16 gives the events stored by the previous version their correlation id, read from the
 * JSON body they were sent with; a body without a UUID there leaves it empty. V19 leaves
 * the body out of ANALYZE's statistics and the stored events as they were.
 */
class EventCorrelationMigrationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenUpgradedFromV15ThenStoredEventsGetTheCorrelationIdOfTheirBody() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("15")) {
			JdbcClient client = JdbcClient.create(this.dataSource);
			String schema = scratch.name();
			UUID enrollment = UUID.randomUUID();
			UUID withId = UUID.randomUUID();
			UUID withoutId = UUID.randomUUID();
			String insert = "insert into " + schema
					+ ".enrollment_event (id, type, occurred_at, body, received_at) values (?, 'ISSUED', now(), ?, now())";
			client.sql(insert).params(withId, "{\"id\":\"x\",\"correlationId\":\"" + enrollment + "\"}").update();
			client.sql(insert).params(withoutId, "{\"id\":\"y\",\"correlationId\":\"corr-1\"}").update();

			scratch.migrate();

			assertThat(client.sql("select correlation_id from " + schema + ".enrollment_event where id = ?")
				.param(withId)
				.query(UUID.class)
				.single()).isEqualTo(enrollment);
			assertThat(client
				.sql("select count(*) from " + schema + ".enrollment_event where id = ? and correlation_id is null")
				.param(withoutId)
				.query(Integer.class)
				.single()).isOne();
		}
	}

	@Test
	void whenUpgradedFromV18ThenStoredEventsStayAndAnalyzeLeavesTheBodyOut() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("18")) {
			JdbcClient client = JdbcClient.create(this.dataSource);
			String schema = scratch.name();
			UUID event = UUID.randomUUID();
			client
				.sql("insert into " + schema + ".enrollment_event (id, type, occurred_at, body, received_at, "
						+ "correlation_id) values (?, 'ISSUED', now(), '{\"id\":\"v18\"}', now(), ?)")
				.params(event, UUID.randomUUID())
				.update();

			scratch.migrate();

			client.sql("analyze " + schema + ".enrollment_event").update();
			assertThat(
					client.sql("select attname from pg_stats where schemaname = ? and tablename = 'enrollment_event'")
						.param(schema)
						.query(String.class)
						.list())
				.contains("id", "type", "occurred_at", "correlation_id")
				.doesNotContain("body");
			assertThat(client.sql("select body from " + schema + ".enrollment_event where id = ?")
				.param(event)
				.query(String.class)
				.single()).isEqualTo("{\"id\":\"v18\"}");
		}
	}

}
