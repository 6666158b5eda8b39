package io.keyward.challenge.profile;

import java.time.Duration;

/**
 * A configured challenge profile with the global defaults applied.
 *
 * @param name the profile name the gateway and the MDM use
 * @param template the certificate template to issue with
 * @param validity how long a challenge lives
 * @param maxOutstanding cap on unexpired, unredeemed challenges; 0 means none
 * @param maxValidity the longest lifetime a mint may ask for
 */
public record ChallengeProfile(String name, String template, Duration validity, int maxOutstanding,
		Duration maxValidity) {

	public boolean limitsOutstanding() {
		return this.maxOutstanding > 0;
	}

}
