package io.keyward.challenge.profile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

class ChallengePropertiesTests {

	@Test
	void whenNoProfileConfiguredThenDefaultExistsWithNdesValidity() {
		ChallengeProfiles profiles = new ChallengeProfiles(
				new ChallengeProperties(null, 10000, Map.of(), Duration.ofDays(30), Duration.ofHours(24)));
		assertThat(profiles.require("default")).isEqualTo(new ChallengeProfile("default", "default",
				Duration.ofMinutes(60), 10000, ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, false));
	}

	@Test
	void whenProfileOverridesCapThenItWinsOverTheGlobalOne() {
		ChallengeProperties properties = new ChallengeProperties(null, 0,
				Map.of("vpn", new ChallengeProperties.Profile("vpn-user", Duration.ofMinutes(5), 3,
						ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, null)),
				Duration.ofDays(1), Duration.ofHours(24));
		ChallengeProfiles profiles = new ChallengeProfiles(properties);
		assertThat(profiles.require("vpn")).isEqualTo(new ChallengeProfile("vpn", "vpn-user", Duration.ofMinutes(5), 3,
				ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, false));
		assertThat(profiles.require("default").limitsOutstanding()).isFalse();
	}

	@Test
	void whenProfileUnknownThenUnknownProfileException() {
		ChallengeProfiles profiles = new ChallengeProfiles(
				new ChallengeProperties(null, 1, Map.of(), Duration.ofDays(1), Duration.ofHours(24)));
		assertThat(catchThrowable(() -> profiles.require("nope"))).isInstanceOf(UnknownProfileException.class)
			.hasMessageContaining("'nope'");
	}

	@Test
	void whenBootstrapKeyTooShortThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ChallengeProperties("kw_short", 1, Map.of(), Duration.ofDays(1), Duration.ofHours(24)))
			.withMessageContaining("bootstrap-api-key");
	}

	@Test
	void whenProfileNameOrValidityInvalidThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChallengeProperties(null, 1,
				Map.of("bad name", new ChallengeProperties.Profile("t", Duration.ofMinutes(5), null,
						ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, null)),
				Duration.ofDays(1), Duration.ofHours(24)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ChallengeProperties.Profile("t",
				Duration.ofSeconds(5), null, ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, null));
	}

	@Test
	void whenMaxValidityShorterThanValidityThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChallengeProperties.Profile("t", Duration.ofHours(2), null, ChallengeMode.ONE_TIME,
					null, Duration.ofHours(1), null, null))
			.withMessageContaining("max-validity");
	}

	@Test
	void whenWebhookModeWithoutItsSettingsOrWithAWeakSecretThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChallengeProperties.Profile("t", Duration.ofMinutes(5), null, ChallengeMode.WEBHOOK,
					null, Duration.ofDays(7), null, null))
			.withMessageContaining("webhook.url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookSettings(java.net.URI.create("https://mdm.example/validate"), "short",
					Duration.ofSeconds(5), 2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookSettings(java.net.URI.create("file:///etc/passwd"), "s".repeat(32),
					Duration.ofSeconds(5), 2));
	}

}
