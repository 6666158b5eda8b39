package io.keyward.challenge.onetime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.ChallengeServiceApplication;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: two challenge-service instances on one database (replicas behind a balancer)
 * redeem the same challenge at once, each for its own transaction: exactly one wins,
 * because the redemption is one conditional UPDATE that PostgreSQL serialises on the row,
 * not a check in one JVM's memory.
 */
class ChallengeTwoInstancesTests extends IntegrationTestSupport {

	private static final int CALLERS = 16;

	@Test
	void whenTwoInstancesRedeemOneChallengeAtOnceThenExactlyOneWins() throws Exception {
		try (ConfigurableApplicationContext second = startSecondInstance()) {
			RestClient other = RestClient.create("http://127.0.0.1:"
					+ second.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			for (int round = 0; round < 3; round++) {
				String challenge = mint("default").challenge();
				List<String> transactionIds = new ArrayList<>();
				List<Callable<RedemptionResult>> calls = new ArrayList<>();
				for (int i = 0; i < CALLERS; i++) {
					String transactionId = "two-" + round + "-" + i + "-" + newTransactionId();
					transactionIds.add(transactionId);
					RedemptionRequest request = new RedemptionRequest(challenge, "default", transactionId, "CN=device",
							List.of(), publicKeySha256());
					RestClient instance = (i % 2 == 0) ? this.http : other;
					calls.add(() -> instance.post()
						.uri("/internal/v1/redemptions")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + SERVICE_TOKEN)
						.contentType(MediaType.APPLICATION_JSON)
						.body(request)
						.retrieve()
						.body(RedemptionResult.class));
				}

				List<RedemptionResult> results = ChallengeConcurrencyTests.race(CALLERS, calls::get);

				assertThat(results).filteredOn(RedemptionResult::accepted).hasSize(1);
				assertThat(results).filteredOn((result) -> !result.accepted())
					.containsOnly(RedemptionResult.rejected("challenge already used"));
				assertThat(this.jdbc.queryForList(
						"select transaction_id from challenge.challenge where transaction_id = any (?)", String.class,
						(Object) transactionIds.toArray(String[]::new)))
					.hasSize(1);
			}
		}
	}

	/**
	 * A second application context of the same service, on its own port, on the test
	 * database, with the same HMAC key and tokens.
	 */
	private static ConfigurableApplicationContext startSecondInstance() {
		TestPostgres postgres = TestPostgres.get();
		// arguments, not default properties: challenge-service.yml sets these from the
		// environment and would win over defaults
		return ChallengeServiceApplication.application()
			.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--keyward.data-dir=target/test-data-second",
					"--keyward.challenge.hmac-key=" + HMAC_KEY,
					"--keyward.edge.callers.gateway.tokens=" + SERVICE_TOKEN,
					"--keyward.challenge.bootstrap-api-key=" + API_KEY);
	}

}
