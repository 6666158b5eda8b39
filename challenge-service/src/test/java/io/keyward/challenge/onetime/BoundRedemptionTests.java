package io.keyward.challenge.onetime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a challenge bound to an account's SID hands the SID to the gateway; the
 * gateway can ask without spending the challenge (preview); and a challenge valid when
 * the device's request arrived stays valid for that request through an outage.
 */
class BoundRedemptionTests extends IntegrationTestSupport {

	private static final String SID = "S-1-5-21-3623811015-3361044348-30300820-1013";

	@Test
	void whenMintedWithASidThenTheRedemptionAndItsRepeatNameIt() {
		String challenge = mintBound("{\"profile\":\"default\",\"binding\":{\"sid\":\"" + SID + "\"}}");
		String transactionId = newTransactionId();
		String key = publicKeySha256();

		RedemptionResult first = redeem(challenge, "default", transactionId, key);
		RedemptionResult repeated = redeem(challenge, "default", transactionId, key);

		assertThat(first).usingRecursiveComparison()
			.ignoringFields("correlationId")
			.isEqualTo(RedemptionResult.accepted("default", new ChallengeBinding(SID)));
		assertThat(repeated).isEqualTo(first);
		assertThat(redeem(mint("default").challenge(), "default").binding()).isNull();
	}

	@Test
	void whenTheSidIsMalformedThenBadRequestAndNothingMinted() {
		Integer before = this.jdbc.queryForObject("select count(*) from challenge.challenge", Integer.class);

		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY,
				"{\"binding\":{\"sid\":\"S-1-5-21-1' or '1'='1\"}}");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("detail").toString()).contains("binding.sid");
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.challenge", Integer.class))
			.isEqualTo(before);
	}

	@Test
	void whenPreviewedThenTheChallengeStaysRedeemable() {
		String challenge = mintBound("{\"binding\":{\"sid\":\"" + SID + "\"}}");
		RedemptionRequest request = request(challenge, newTransactionId(), null);

		assertThat(call("/internal/v1/redemptions/preview", request)).usingRecursiveComparison()
			.ignoringFields("correlationId")
			.isEqualTo(RedemptionResult.accepted("default", new ChallengeBinding(SID)));
		assertThat(call("/internal/v1/redemptions/preview", request).accepted()).isTrue();
		assertThat(call("/internal/v1/redemptions", request).accepted()).isTrue();
		assertThat(call("/internal/v1/redemptions/preview", request(challenge, newTransactionId(), null)))
			.isEqualTo(RedemptionResult.rejected("challenge already used"));
		assertThat(call("/internal/v1/redemptions/preview", request("0".repeat(32), "TX", null)).accepted()).isFalse();
	}

	@Test
	void whenTheRequestArrivedWhileValidThenItIsRedeemedThroughAnOutageWithinTheGrace() {
		String challenge = mint("default").challenge();
		String other = mint("default").challenge();
		Instant arrived = this.clock.instant().plus(Duration.ofMinutes(59));
		// the upstream outage: the gateway gets through 5 hours after the challenge
		// expired
		this.clock.advance(Duration.ofHours(6));

		assertThat(call("/internal/v1/redemptions/preview", request(challenge, "TX-LATE", arrived)).accepted())
			.isTrue();
		assertThat(call("/internal/v1/redemptions", request(challenge, "TX-LATE", arrived)).accepted()).isTrue();
		// a request that arrives now gets no grace, nor one that claims no arrival
		assertThat(call("/internal/v1/redemptions", request(other, "TX-NOW", this.clock.instant())))
			.isEqualTo(RedemptionResult.rejected("challenge expired"));
		assertThat(call("/internal/v1/redemptions", request(other, "TX-NONE", null)))
			.isEqualTo(RedemptionResult.rejected("challenge expired"));
	}

	@Test
	void whenTheOutageOutlastsTheGraceThenExpired() {
		String challenge = mint("default").challenge();
		Instant arrived = this.clock.instant().plus(Duration.ofMinutes(30));
		this.clock.advance(Duration.ofHours(25).plusMinutes(1));

		assertThat(call("/internal/v1/redemptions", request(challenge, "TX-TOO-LATE", arrived)))
			.isEqualTo(RedemptionResult.rejected("challenge expired"));
		assertThat(call("/internal/v1/redemptions/preview", request(challenge, "TX-TOO-LATE", arrived)))
			.isEqualTo(RedemptionResult.rejected("challenge expired"));
	}

	private String mintBound(String body) {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, body);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody()).doesNotContainKey("binding");
		return (String) response.getBody().get("challenge");
	}

	private static RedemptionRequest request(String challenge, String transactionId, Instant arrivedAt) {
		return new RedemptionRequest(challenge, "default", transactionId, "CN=device", List.of(), "ab".repeat(32),
				arrivedAt);
	}

}
