package io.keyward.api.challenge;

/**
 * One challenge profile's settings as the challenge-service applies them, for the
 * dashboard's Profiles page (caller scope {@code challenge-profiles:read}). No secret: a
 * profile's static challenge is never answered, only whether it has one.
 *
 * @param name the profile name
 * @param template the certificate template a redeemed challenge hands to the gateway
 * @param mode {@code ONE_TIME}, {@code INTUNE} or {@code WEBHOOK}
 * @param validity how long a challenge is accepted after minting, ISO-8601
 * @param maxValidity the longest lifetime an MDM may ask for, ISO-8601
 * @param maxOutstanding cap on unexpired, unredeemed challenges; 0 means none
 * @param passwordLength random bytes per challenge, null for the minting surface's
 * default
 * @param singlePassword NDES {@code UseSinglePassword}
 */
public record ChallengeProfileSettings(String name, String template, String mode, String validity, String maxValidity,
		int maxOutstanding, Integer passwordLength, boolean singlePassword) {
}
