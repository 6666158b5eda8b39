package io.keyward.api.challenge;

/**
 * Body of {@code POST /api/v1/challenges}: the MDM asks for a one-time challenge
 * password.
 *
 * @param profile the enrollment profile the challenge is good for; {@code default} when
 * absent
 * @param binding what the challenge is bound to (the SID of the account the certificate
 * is for, the subject, SANs, key usage or device id the CSR must carry, a template), null
 * for nothing
 * @param lifetime how long the challenge lives, an ISO-8601 duration such as {@code P3D}
 * for a device that is offline for days; at most the profile's {@code max-validity}; null
 * for the profile's {@code validity}
 * @param externalId the MDM's own reference (a device or enrollment id), stored, returned
 * and searchable; at most 200 characters; null for none
 */
public record MintChallengeRequest(String profile, ChallengeBinding binding, String lifetime, String externalId) {

	/**
	 * A challenge bound to nothing.
	 */
	public MintChallengeRequest(String profile) {
		this(profile, null, null, null);
	}

	/**
	 * A challenge with the profile's lifetime and no external id.
	 */
	public MintChallengeRequest(String profile, ChallengeBinding binding) {
		this(profile, binding, null, null);
	}

	public static final String DEFAULT_PROFILE = "default";

	public String profileOrDefault() {
		return (this.profile == null || this.profile.isBlank()) ? DEFAULT_PROFILE : this.profile;
	}

}
