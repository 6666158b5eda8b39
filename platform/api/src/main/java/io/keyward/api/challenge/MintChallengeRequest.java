package io.keyward.api.challenge;

/**
 * Body of {@code POST /api/v1/challenges}: the MDM asks for a one-time challenge
 * password.
 *
 * @param profile the enrollment profile the challenge is good for; {@code default} when
 * absent
 */
public record MintChallengeRequest(String profile) {

	public static final String DEFAULT_PROFILE = "default";

	public String profileOrDefault() {
		return (this.profile == null || this.profile.isBlank()) ? DEFAULT_PROFILE : this.profile;
	}

}
