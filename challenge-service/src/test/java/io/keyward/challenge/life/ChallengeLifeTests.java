package io.keyward.challenge.life;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.keyward.api.challenge.ChallengeLife;
import io.keyward.api.challenge.MintedChallenge;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.event.EnrollmentEvent;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "one correlation id": a challenge's life under its id, as the admin-ui reads
 * it over {@code /internal/v1/challenge-lives/{id}}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChallengeLifeTests extends IntegrationTestSupport {

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void whenMintedRedeemedAndIssuedThenTheLifeTellsEachStepUnderOneId(CapturedOutput output) {
		MintedChallenge minted = mint("default");
		assertThat(UUID.fromString(minted.correlationId())).isNotNull();
		String transactionId = newTransactionId();
		RedemptionResult redeemed = redeem(minted.challenge(), "default", transactionId, publicKeySha256());
		assertThat(redeemed.accepted()).isTrue();
		assertThat(redeemed.correlationId()).isEqualTo(minted.correlationId());

		this.events.publishEvent(issued(minted.correlationId(), "7F01AB"));

		ChallengeLife life = life(minted.correlationId()).getBody();
		assertThat(life.profile()).isEqualTo("default");
		assertThat(life.mintedBy()).isEqualTo("bootstrap");
		assertThat(life.transactionId()).isEqualTo(transactionId);
		assertThat(life.certificateSerial()).isEqualTo("7F01AB");
		assertThat(life.events()).extracting(ChallengeLife.Event::type).containsExactly("MINTED", "REDEEMED", "ISSUED");
		assertThat(life.events().get(1).transactionId()).isEqualTo(transactionId);
		assertThat(output.getAll()).contains("correlationId=" + minted.correlationId())
			.containsPattern("correlationId=" + minted.correlationId() + " .*event=challenge_redeemed");
	}

	/**
	 * The redemption and its REDEEMED step are one statement: when the step cannot be
	 * written (a trigger makes it fail), the challenge is not redeemed either.
	 */
	@Test
	void whenTheRedeemedStepCannotBeWrittenThenTheChallengeStaysOutstanding() {
		MintedChallenge minted = mint("default");
		this.jdbc.execute("create function challenge.fail_redeemed_step() returns trigger language plpgsql as $$ "
				+ "begin if new.type = 'REDEEMED' and new.transaction_id = 'TX-LIFE-FAILS' then "
				+ "raise exception 'life not writable'; end if; return new; end $$");
		this.jdbc.execute("create trigger fail_redeemed_step before insert on challenge.challenge_event "
				+ "for each row execute function challenge.fail_redeemed_step()");
		try {
			post("/internal/v1/redemptions", SERVICE_TOKEN, "{\"challenge\":\"" + minted.challenge()
					+ "\",\"profile\":\"default\",\"transactionId\":\"TX-LIFE-FAILS\"}");
		}
		finally {
			this.jdbc.execute("drop trigger fail_redeemed_step on challenge.challenge_event");
			this.jdbc.execute("drop function challenge.fail_redeemed_step()");
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from challenge.challenge where correlation_id = ?::uuid and redeemed_at is null",
				Long.class, minted.correlationId()))
			.isOne();
		assertThat(redeem(minted.challenge(), "default").accepted()).isTrue();
		assertThat(this.jdbc.queryForList(
				"select type from challenge.challenge_event where correlation_id = ?::uuid order by occurred_at",
				String.class, minted.correlationId()))
			.containsExactly("MINTED", "REDEEMED");
	}

	@Test
	void whenARedemptionIsRefusedThenItsReasonIsRecordedAndRefusalsAreBounded() {
		MintedChallenge minted = mint("default");
		assertThat(redeem(minted.challenge(), "vpn").accepted()).isFalse();
		assertThat(redeem(minted.challenge(), "default").accepted()).isTrue();
		for (int i = 0; i < ChallengeEvents.MAX_REFUSALS + 5; i++) {
			assertThat(redeem(minted.challenge(), "default").accepted()).isFalse();
		}

		List<ChallengeLife.Event> events = life(minted.correlationId()).getBody().events();
		assertThat(events.get(1).type()).isEqualTo("REFUSED");
		assertThat(events.get(1).reason()).contains("profile");
		assertThat(events).filteredOn((event) -> event.type().equals("REFUSED"))
			.hasSize(ChallengeEvents.MAX_REFUSALS)
			.last()
			.extracting(ChallengeLife.Event::reason)
			.asString()
			.contains("already");
	}

	@Test
	void whenAnIssuedEventNamesNoChallengeThenNothingIsRecorded() {
		String renewal = UUID.randomUUID().toString();
		this.events.publishEvent(issued(renewal, "01"));
		assertThat(life(renewal).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void whenTheIdIsNotAUuidThenBadRequest() {
		assertThat(get("/internal/v1/challenge-lives/not-a-uuid", ADMIN_UI_TOKEN).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void whenAnotherCallerAsksThenUnauthorizedOrForbidden() {
		String path = "/internal/v1/challenge-lives/" + mint("default").correlationId();
		assertThat(get(path, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get(path, API_KEY).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get(path, SERVICE_TOKEN).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get(path, ADMIN_UI_TOKEN).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private static EnrollmentEvent issued(String correlationId, String serial) {
		return new EnrollmentEvent(UUID.randomUUID(), EnrollmentEvent.Type.ISSUED, Instant.now(), correlationId,
				"default", "tx", "CN=device", serial, "CN=CA", null, null, null, null, null, null);
	}

	private ResponseEntity<ChallengeLife> life(String correlationId) {
		return this.http.get()
			.uri("/internal/v1/challenge-lives/" + correlationId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.toEntity(ChallengeLife.class);
	}

	private ResponseEntity<Map<String, Object>> get(String path, String token) {
		return this.http.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().toEntity(JSON);
	}

}
