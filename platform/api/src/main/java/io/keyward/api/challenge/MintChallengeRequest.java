package io.keyward.api.challenge;

/**
 * Body of {@code POST /api/v1/challenges}: the MDM asks for a one-time challenge
 * password.
 *
 * @param profile the enrollment profile the challenge is good for; {@code default} when
 * absent
 * @param binding what the challenge is bound to (for example the SID of the account the
 * certificate is for), null for nothing
 */
public record MintChallengeRequest(String profile, ChallengeBinding binding) {

	/**
	 * A challenge bound to nothing.
	 */
	public MintChallengeRequest(String profile) {
		this(profile, null);
	}

	public static final String DEFAULT_PROFILE = "default";

	public String profileOrDefault() {
		return (this.profile == null || this.profile.isBlank()) ? DEFAULT_PROFILE : this.profile;
	}

}
