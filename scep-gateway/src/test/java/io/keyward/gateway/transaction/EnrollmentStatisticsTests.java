package io.keyward.gateway.transaction;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the overview's numbers are counted by the gateway, per hour and per day, and
 * only the admin-ui (scope {@code statistics:read}) may read them. The clock is moved to
 * a year no other test writes, so only this test's transactions are counted.
 */
class EnrollmentStatisticsTests extends AbstractGatewayTests {

	private static final Instant NOW = Instant.parse("2091-05-20T10:30:00Z");

	@Test
	void whenTransactionsEndedThenTheyAreCountedPerHourAndDayWithRefusalsByReason() throws Exception {
		this.clock.set(NOW);
		String profile = "stats-" + UUID.randomUUID().toString().substring(0, 8);
		transaction(profile, "ISSUED", null, NOW.minusSeconds(60));
		transaction(profile, "ISSUED", null, NOW.minusSeconds(3 * 3600));
		transaction(profile, "FAILED", "challenge password rejected", NOW.minusSeconds(120));
		transaction(profile, "FAILED", "challenge password rejected", NOW.minusSeconds(2 * 86400));
		transaction(profile, "FAILED", "key too small", NOW.minusSeconds(3 * 86400));
		transaction(profile, "FAILED", "too old to count", NOW.minusSeconds(40 * 86400));
		transaction(profile, "WAITING_APPROVAL", null, NOW.minusSeconds(30));

		HttpResponse<String> answer = call(ADMIN_TOKEN);

		assertThat(answer.statusCode()).isEqualTo(200);
		String body = answer.body();
		assertThat(body).contains("{\"start\":\"2091-05-20T10:00:00Z\",\"issued\":1,\"refused\":1}")
			.contains("{\"start\":\"2091-05-20T07:00:00Z\",\"issued\":1,\"refused\":0}")
			.contains("{\"start\":\"2091-05-19T11:00:00Z\",\"issued\":0,\"refused\":0}")
			.contains("{\"start\":\"2091-05-20T00:00:00Z\",\"issued\":2,\"refused\":1}")
			.contains("{\"start\":\"2091-05-18T00:00:00Z\",\"issued\":0,\"refused\":1}")
			.contains("{\"start\":\"2091-04-21T00:00:00Z\",\"issued\":0,\"refused\":0}")
			.doesNotContain("2091-04-20T00:00:00Z")
			.contains(
					"{\"reason\":\"challenge password rejected\",\"count\":2},{\"reason\":\"key too small\",\"count\":1}")
			.doesNotContain("too old to count")
			.contains("\"waitingApproval\":");
		assertThat(body.split("\"start\"")).hasSize(24 + 30 + 1);
	}

	@Test
	void whenRequestsWereRefusedBeforeATransactionExistedThenTheyCountAsRefusalsWithTheirReason() throws Exception {
		Instant now = Instant.parse("2093-02-10T08:45:00Z");
		this.clock.set(now);
		String profile = "stats-" + UUID.randomUUID().toString().substring(0, 8);
		transaction(profile, "FAILED", "challenge password rejected", now.minusSeconds(600));
		refusal("no challengePassword in the request", now.minusSeconds(60));
		refusal("no challengePassword in the request", now.minusSeconds(2 * 3600));

		String body = call(ADMIN_TOKEN).body();

		assertThat(body).contains("{\"start\":\"2093-02-10T08:00:00Z\",\"issued\":0,\"refused\":2}")
			.contains("{\"start\":\"2093-02-10T06:00:00Z\",\"issued\":0,\"refused\":1}")
			.contains("{\"start\":\"2093-02-10T00:00:00Z\",\"issued\":0,\"refused\":3}")
			.contains("{\"reason\":\"no challengePassword in the request\",\"count\":2},"
					+ "{\"reason\":\"challenge password rejected\",\"count\":1}");
	}

	@Test
	void whenAnotherCallerAsksThenUnauthorized() throws Exception {
		for (String token : new String[] { FakeUpstreams.SERVICE_TOKEN, "kw_someoneElse0123456789abcdef", null }) {
			assertThat(call(token).statusCode()).isEqualTo(401);
		}
	}

	private HttpResponse<String> call(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/statistics/enrollments")).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void refusal(String reason, Instant at) {
		this.jdbc.update("insert into refusal (occurred_at, profile, fail_info, reason) values (?, 'unknown', "
				+ "'badRequest', ?)", at.atOffset(ZoneOffset.UTC), reason);
	}

	private void transaction(String profile, String status, String reason, Instant created) {
		this.jdbc.update("insert into transaction (id, profile, transaction_id, message_type, signer_key_sha256, "
				+ "csr_sha256, status, failure_reason, created_at, updated_at) values (?, ?, ?, 'PKCSReq', 'aa', 'bb', "
				+ "?, ?, ?, ?)", UUID.randomUUID(), profile, UUID.randomUUID().toString(), status, reason,
				created.atOffset(ZoneOffset.UTC), created.atOffset(ZoneOffset.UTC));
	}

}
