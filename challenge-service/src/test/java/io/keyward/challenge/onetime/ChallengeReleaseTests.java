package io.keyward.challenge.onetime;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.api.challenge.ReleaseResult;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway redeems first and issues next; when the ca-adapter refuses the CSR it gives
 * the challenge back ({@code POST /internal/v1/redemptions/release}), so that the
 * device's corrected request can spend it (issue 13's promise, kept with two calls per
 * enrollment instead of four).
 */
class ChallengeReleaseTests extends IntegrationTestSupport {

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	@Test
	void whenTheRedeemingTransactionReleasesThenAnotherRequestCanRedeemItAndTheLifeTellsWhy() {
		Redeemed refused = redeemed();
		double releasedBefore = counted(this.meters, "keyward.challenge.redemptions", "outcome", "released");

		ResponseEntity<ReleaseResult> released = release(SERVICE_TOKEN, new ReleaseRequest(refused.minted().challenge(),
				"default", refused.transactionId(), refused.key().toUpperCase(), "the CSR's RSA key has 1024 bits"));

		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(released.getBody().released()).isTrue();
		assertThat(counted(this.meters, "keyward.challenge.redemptions", "outcome", "released"))
			.isEqualTo(releasedBefore + 1);
		String corrected = newTransactionId();
		RedemptionResult again = redeem(refused.minted().challenge(), "default", corrected, publicKeySha256());
		assertThat(again.accepted()).isTrue();
		assertThat(again.correlationId()).isEqualTo(refused.minted().correlationId());
		assertThat(this.jdbc.queryForList(
				"select type || ':' || coalesce(transaction_id, '') || ':' || coalesce(reason, '') from challenge.challenge_event"
						+ " where correlation_id = ?::uuid order by id",
				String.class, refused.minted().correlationId()))
			.containsExactly("MINTED::", "REDEEMED:" + refused.transactionId() + ":",
					"RELEASED:" + refused.transactionId() + ":the CSR's RSA key has 1024 bits",
					"REDEEMED:" + corrected + ":");
	}

	@Test
	void whenAnotherTransactionOrKeyAsksOrItWasReleasedAlreadyThenNothingIsGivenBack() {
		Redeemed redeemed = redeemed();

		assertThat(releaseAs(redeemed.minted().challenge(), "default", newTransactionId(), redeemed.key())).isFalse();
		assertThat(releaseAs(redeemed.minted().challenge(), "default", redeemed.transactionId(), publicKeySha256()))
			.isFalse();
		assertThat(releaseAs(redeemed.minted().challenge(), "other", redeemed.transactionId(), redeemed.key()))
			.isFalse();
		assertThat(releaseAs("0123456789ABCDEF0123456789ABCDEF", "default", redeemed.transactionId(), redeemed.key()))
			.isFalse();
		// still spent by its transaction
		assertThat(redeem(redeemed.minted().challenge(), "default").accepted()).isFalse();

		assertThat(releaseAs(redeemed.minted().challenge(), "default", redeemed.transactionId(), redeemed.key()))
			.isTrue();
		assertThat(releaseAs(redeemed.minted().challenge(), "default", redeemed.transactionId(), redeemed.key()))
			.isFalse();
	}

	@Test
	void whenACertificateWasIssuedForItThenItIsNotGivenBack() {
		Redeemed redeemed = redeemed();
		this.jdbc.update("update challenge.challenge set certificate_serial = '7F01' where correlation_id = ?::uuid",
				redeemed.minted().correlationId());

		assertThat(releaseAs(redeemed.minted().challenge(), "default", redeemed.transactionId(), redeemed.key()))
			.isFalse();
	}

	@Test
	void whenAReleaseLacksItsKeysThenBadRequestProblem() {
		ResponseEntity<java.util.Map<String, Object>> response = post("/internal/v1/redemptions/release", SERVICE_TOKEN,
				"{\"challenge\":\"ABC\",\"profile\":\"default\",\"transactionId\":\"T\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void whenAnyoneButTheGatewayReleasesThenForbiddenOrUnauthorized() {
		ReleaseRequest request = new ReleaseRequest("ABC", "default", "T", publicKeySha256(), null);
		assertThat(status(CA_ADAPTER_TOKEN, request)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(ADMIN_UI_TOKEN, request)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(API_KEY, request)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(status("no-such-token-0123456789", request)).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void whenUpgradedFromV17ThenTheLivesRecordedBeforeStayAndAReleaseCanBeRecorded() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("17")) {
			JdbcClient client = JdbcClient.create(this.dataSource);
			String table = scratch.name() + ".challenge_event";
			UUID life = UUID.randomUUID();
			for (String type : List.of("MINTED", "REDEEMED", "REFUSED", "ISSUED")) {
				client.sql("insert into " + table + " (correlation_id, type, occurred_at) values (?, ?, now())")
					.params(life, type)
					.update();
			}

			scratch.migrate();

			client.sql("insert into " + table + " (correlation_id, type, occurred_at) values (?, 'RELEASED', now())")
				.params(life)
				.update();
			assertThat(client.sql("select type from " + table + " where correlation_id = ? order by id")
				.param(life)
				.query(String.class)
				.list()).containsExactly("MINTED", "REDEEMED", "REFUSED", "ISSUED", "RELEASED");
		}
	}

	/** A challenge minted on {@code default} and redeemed by a transaction and key. */
	private Redeemed redeemed() {
		Redeemed redeemed = new Redeemed(mint("default"), newTransactionId(), publicKeySha256());
		assertThat(
				redeem(redeemed.minted().challenge(), "default", redeemed.transactionId(), redeemed.key()).accepted())
			.isTrue();
		return redeemed;
	}

	private record Redeemed(MintedChallenge minted, String transactionId, String key) {
	}

	private boolean releaseAs(String challenge, String profile, String transactionId, String key) {
		ResponseEntity<ReleaseResult> response = release(SERVICE_TOKEN,
				new ReleaseRequest(challenge, profile, transactionId, key, "refused"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody().released();
	}

	private ResponseEntity<ReleaseResult> release(String token, ReleaseRequest request) {
		return send(token, request).toEntity(ReleaseResult.class);
	}

	private HttpStatusCode status(String token, ReleaseRequest request) {
		return send(token, request).toBodilessEntity().getStatusCode();
	}

	private RestClient.ResponseSpec send(String token, ReleaseRequest request) {
		return this.http.post()
			.uri("/internal/v1/redemptions/release")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.retrieve();
	}

}
