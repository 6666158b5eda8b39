package io.keyward.challenge.onetime;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A profile's static shared challenge over the real redemption endpoint: accepted by many
 * devices, on its own profile only, never written to the challenge table.
 */
class StaticChallengeTests extends IntegrationTestSupport {

	@Test
	void whenManyDevicesPresentTheStaticChallengeThenEachIsAcceptedAndNothingIsConsumed() {
		for (int i = 0; i < 3; i++) {
			RedemptionResult result = redeem(KIOSK_STATIC_CHALLENGE, "kiosk");
			assertThat(result.accepted()).isTrue();
			assertThat(result.template()).isEqualTo("kiosk");
		}
		assertThat(redeem(" " + KIOSK_STATIC_CHALLENGE.toLowerCase() + " ", "kiosk").accepted())
			.as("compared as every challenge: case and blanks around it do not matter")
			.isTrue();
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.challenge where profile = 'kiosk'",
				Long.class))
			.isZero();
		assertThat(this.http.get().uri("/actuator/prometheus").retrieve().body(String.class))
			.containsPattern("keyward_challenge_redemptions_total\\{[^}]*reason=\"static\"");
	}

	@Test
	void whenTheStaticChallengeIsPresentedOnAnotherProfileOrAlteredThenRefused() {
		assertThat(redeem(KIOSK_STATIC_CHALLENGE, "default").accepted()).isFalse();
		assertThat(redeem(KIOSK_STATIC_CHALLENGE + "x", "kiosk").accepted()).isFalse();
		assertThat(redeem(KIOSK_STATIC_CHALLENGE.substring(1), "kiosk").accepted()).isFalse();
	}

	@Test
	void whenPreviewedThenAcceptedLikeARedemption() {
		RedemptionResult preview = call("/internal/v1/redemptions/preview", new RedemptionRequest(
				KIOSK_STATIC_CHALLENGE, "kiosk", newTransactionId(), "CN=kiosk-1", List.of(), publicKeySha256()));
		assertThat(preview.accepted()).isTrue();
	}

	@Test
	void whenTheStaticChallengeIsShortOrHasBlanksThenTheConfigurationIsRefusedAndToStringHidesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> profile("too-short"));
		assertThatIllegalArgumentException().isThrownBy(() -> profile("has a blank in it 0123456789"));
		assertThat(profile(KIOSK_STATIC_CHALLENGE))
			.hasToString("Profile[template=t, validity=PT5M, maxOutstanding=null, mode=ONE_TIME, maxValidity=PT168H,"
					+ " passwordLength=null, staticChallenge=(set), useSinglePassword=false]");
	}

	private static ChallengeProperties.Profile profile(String staticChallenge) {
		return new ChallengeProperties.Profile("t", Duration.ofMinutes(5), null, ChallengeMode.ONE_TIME, null,
				Duration.ofDays(7), null, staticChallenge);
	}

}
