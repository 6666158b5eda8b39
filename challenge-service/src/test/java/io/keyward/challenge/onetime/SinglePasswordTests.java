package io.keyward.challenge.onetime;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProperties;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * NDES's {@code UseSinglePassword} on the profile {@code shared} (validity 10 minutes),
 * over the real minting and redemption endpoints.
 */
class SinglePasswordTests extends IntegrationTestSupport {

	@Test
	void whenMintedTwiceInOneWindowThenTheSamePasswordReusableByManyDevices() {
		this.clock.set(Instant.parse("2026-12-05T10:01:00Z"));
		MintedChallenge first = mint("shared");
		MintedChallenge second = mint("shared");
		assertThat(first.challenge()).matches("[0-9A-F]{16}").isEqualTo(second.challenge());
		assertThat(first.id()).as("it has no row of its own").isNull();
		assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-12-05T10:20:00Z"));
		for (int i = 0; i < 3; i++) {
			assertThat(redeem(first.challenge(), "shared").accepted()).isTrue();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.challenge where profile = 'shared'",
				Long.class))
			.isZero();
		assertThat(redeem(first.challenge(), "default").accepted()).as("on its own profile only").isFalse();
	}

	@Test
	void whenTheNextWindowStartsThenANewPasswordAndTheOldOneLivesOneMoreWindow() {
		this.clock.set(Instant.parse("2026-12-05T10:09:59Z"));
		String old = mint("shared").challenge();
		this.clock.set(Instant.parse("2026-12-05T10:10:00Z"));
		String next = mint("shared").challenge();
		assertThat(next).isNotEqualTo(old);
		assertThat(redeem(old, "shared").accepted()).as("handed out a second ago").isTrue();
		this.clock.set(Instant.parse("2026-12-05T10:19:59Z"));
		assertThat(redeem(old, "shared").accepted()).isTrue();
		this.clock.set(Instant.parse("2026-12-05T10:20:00Z"));
		assertThat(redeem(old, "shared").accepted()).as("two windows on").isFalse();
		assertThat(redeem(next, "shared").accepted()).isTrue();
	}

	@Test
	void whenBoundOrGivenALifetimeThenRefusedWithAProblem() {
		var bound = post("/api/v1/challenges", API_KEY,
				"{\"profile\":\"shared\",\"binding\":{\"subject\":\"CN=printer-1\"}}");
		assertThat(bound.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(String.valueOf(bound.getBody().get("detail"))).contains("use-single-password");
		var lifetime = post("/api/v1/challenges", API_KEY, "{\"profile\":\"shared\",\"lifetime\":\"P2D\"}");
		assertThat(lifetime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void whenSinglePasswordIsAskedOfAnotherModeThenTheConfigurationIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChallengeProperties.Profile("t",
				Duration.ofMinutes(5), null, ChallengeMode.INTUNE, null, Duration.ofDays(7), null, null, true));
	}

}
