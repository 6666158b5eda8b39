package io.keyward.challenge.profile;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A configured challenge profile with the global defaults applied.
 *
 * @param name the profile name the gateway and the MDM use
 * @param template the certificate template to issue with
 * @param validity how long a challenge lives
 * @param maxOutstanding cap on unexpired, unredeemed challenges; 0 means none
 * @param mode how a request's challenge is judged
 * @param webhook the webhook validator's settings, null unless that mode
 * @param maxValidity the longest lifetime a mint may ask for
 * @param passwordLength random bytes per challenge (NDES {@code PasswordLength}), null
 * for the minting surface's own default
 * @param singlePassword NDES {@code UseSinglePassword}: one reusable password per
 * validity window instead of one-time ones
 */
public record ChallengeProfile(String name, String template, Duration validity, int maxOutstanding, ChallengeMode mode,
		@Nullable WebhookSettings webhook, Duration maxValidity, @Nullable Integer passwordLength,
		boolean singlePassword) {

	/**
	 * A one-time profile whose challenges may live at most a week.
	 */
	public ChallengeProfile(String name, String template, Duration validity, int maxOutstanding) {
		this(name, template, validity, maxOutstanding, ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, false);
	}

	public boolean limitsOutstanding() {
		return this.maxOutstanding > 0;
	}

	/**
	 * @param surfaceDefault the bytes the minting surface uses when the profile sets none
	 * @return random bytes per challenge
	 */
	public int passwordBytes(int surfaceDefault) {
		return (this.passwordLength != null) ? this.passwordLength : surfaceDefault;
	}

}
