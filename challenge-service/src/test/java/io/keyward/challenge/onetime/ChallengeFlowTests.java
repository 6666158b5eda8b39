package io.keyward.challenge.onetime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(OutputCaptureExtension.class)
class ChallengeFlowTests extends IntegrationTestSupport {

	@BeforeEach
	@AfterEach
	void forgetCappedProfile() {
		this.jdbc.update("delete from challenge.challenge where profile = 'tiny'");
	}

	@Test
	void whenMintedThenRedeemedOnceAndRefusedAfterwards() {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, "{\"profile\":\"default\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		String challenge = (String) response.getBody().get("challenge");
		assertThat(challenge).matches("[0-9A-F]{32}");
		assertThat(response.getBody()).containsEntry("profile", "default");
		Instant expiresAt = Instant.parse((String) response.getBody().get("expiresAt"));
		assertThat(expiresAt).isCloseTo(this.clock.instant().plus(Duration.ofMinutes(60)),
				within(Duration.ofSeconds(5)));

		assertThat(redeem(challenge, "default")).usingRecursiveComparison()
			.ignoringFields("correlationId")
			.isEqualTo(RedemptionResult.accepted("default"));
		assertThat(redeem(challenge, "default")).isEqualTo(RedemptionResult.rejected("challenge already used"));
	}

	@Test
	void whenTwoChallengesMintedThenTheyDiffer() {
		assertThat(mint("default").challenge()).isNotEqualTo(mint("default").challenge());
	}

	@Test
	void whenSameTransactionRetriesWithSameKeyThenAcceptedAgain() {
		String challenge = mint("default").challenge();
		String transactionId = newTransactionId();
		String publicKey = publicKeySha256();
		assertThat(redeem(challenge, "default", transactionId, publicKey).accepted()).isTrue();
		assertThat(redeem(challenge, "default", transactionId, publicKey)).usingRecursiveComparison()
			.ignoringFields("correlationId")
			.isEqualTo(RedemptionResult.accepted("default"));
		assertThat(redeem(challenge, "default", transactionId, publicKeySha256()))
			.isEqualTo(RedemptionResult.rejected("challenge already used"));
		assertThat(redeem(challenge, "default", newTransactionId(), publicKey))
			.isEqualTo(RedemptionResult.rejected("challenge already used"));
	}

	@Test
	void whenBodyOrProfileAbsentThenDefaultProfile() {
		ResponseEntity<MintedChallenge> noBody = this.http.post()
			.uri("/api/v1/challenges")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
			.retrieve()
			.toEntity(MintedChallenge.class);
		assertThat(noBody.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(noBody.getBody().profile()).isEqualTo("default");
		assertThat(post("/api/v1/challenges", API_KEY, "{}").getBody()).containsEntry("profile", "default");
		assertThat(post("/api/v1/challenges", API_KEY, "").getBody()).containsEntry("profile", "default");
	}

	@Test
	void whenValidityPassedThenExpired() {
		String late = mint("default").challenge();
		String justInTime = mint("default").challenge();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(redeem(justInTime, "default").accepted()).isTrue();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(redeem(late, "default")).isEqualTo(RedemptionResult.rejected("challenge expired"));
	}

	@Test
	void whenChallengeWasNeverMintedThenUnknown() {
		assertThat(redeem("0123456789ABCDEF0123456789ABCDEF", "default"))
			.isEqualTo(RedemptionResult.rejected("unknown challenge"));
	}

	@Test
	void whenRedeemedOnAnotherProfileThenRejectedAndStillUsable() {
		MintedChallenge minted = mint("vpn");
		assertThat(minted.profile()).isEqualTo("vpn");
		assertThat(redeem(minted.challenge(), "default"))
			.isEqualTo(RedemptionResult.rejected("challenge issued for profile vpn"));
		assertThat(redeem(minted.challenge(), "vpn")).usingRecursiveComparison()
			.ignoringFields("correlationId")
			.isEqualTo(RedemptionResult.accepted("vpn-user"));
	}

	@Test
	void whenTypedInLowerCaseWithBlanksThenAccepted() {
		String challenge = mint("default").challenge();
		assertThat(redeem(" " + challenge.toLowerCase(Locale.ROOT) + "\n", "default").accepted()).isTrue();
	}

	@Test
	void whenProfileUnknownThenNotFoundProblem() {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, "{\"profile\":\"nope\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains("'nope'");
	}

	@Test
	void whenJsonMalformedThenBadRequestProblem() {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, "{\"profile\":");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("status", 400);
	}

	@Test
	void whenRedemptionLacksTransactionIdThenBadRequestProblem() {
		ResponseEntity<Map<String, Object>> response = post("/internal/v1/redemptions", SERVICE_TOKEN,
				"{\"challenge\":\"0123456789ABCDEF0123456789ABCDEF\",\"profile\":\"default\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains("transactionId");
	}

	@Test
	void whenOutstandingCapReachedThenTooManyRequestsUntilOneIsRedeemed() {
		String first = mint("tiny").challenge();
		mint("tiny");
		ResponseEntity<Map<String, Object>> full = post("/api/v1/challenges", API_KEY, "{\"profile\":\"tiny\"}");
		assertThat(full.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(full.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(redeem(first, "tiny").accepted()).isTrue();
		assertThat(mint("tiny").profile()).isEqualTo("tiny");
	}

	@Test
	void whenStoredThenOnlyTheKeyedHashIsInTheDatabase() throws Exception {
		String challenge = mint("default").challenge();
		String transactionId = newTransactionId();
		String publicKey = publicKeySha256();
		assertThat(redeem(challenge, "default", transactionId, publicKey).accepted()).isTrue();

		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				select c.id::text, encode(c.challenge_hash, 'hex') as hash, c.profile, c.template,
					c.created_at::text, c.expires_at::text, c.redeemed_at::text, c.transaction_id, c.subject,
					c.public_key_sha256, c.api_client_id::text, a.name as client
				from challenge.challenge c left join challenge.api_client a on a.id = c.api_client_id""");
		assertThat(rows).isNotEmpty();
		for (Map<String, Object> row : rows) {
			assertThat(row.values()).allSatisfy(
					(value) -> assertThat(String.valueOf(value).toUpperCase(Locale.ROOT)).doesNotContain(challenge));
		}
		Map<String, Object> mine = rows.stream()
			.filter((row) -> transactionId.equals(row.get("transaction_id")))
			.findFirst()
			.orElseThrow();
		assertThat(mine).containsEntry("hash", hmac(challenge))
			.containsEntry("public_key_sha256", publicKey)
			.containsEntry("subject", "CN=device-1,O=Keyward")
			.containsEntry("client", "bootstrap");
	}

	@Test
	void whenMintedAndRedeemedThenTheChallengeIsNeverLogged(CapturedOutput output) {
		String challenge = mint("default").challenge();
		String transactionId = newTransactionId();
		redeem(challenge, "default", transactionId, publicKeySha256());
		redeem(challenge, "default", "other-" + transactionId, publicKeySha256());
		assertThat(output).contains("event=challenge_minted profile=default")
			.contains("event=challenge_redeemed profile=default transactionId=" + transactionId)
			.contains(
					"event=challenge_rejected reason=already_used profile=default transactionId=other-" + transactionId)
			.doesNotContain(challenge);
	}

	private static String hmac(String challenge) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(HMAC_KEY), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
	}

}
