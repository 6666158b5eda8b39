package io.keyward.api.challenge;

/**
 * Body of the challenge-service's {@code POST /internal/v1/challenges}: an admin mints a
 * one-time challenge by hand on the dashboard, as NDES's {@code mscep_admin} page gives
 * one, on behalf of an MDM API client (its profiles and cap apply).
 *
 * @param client the MDM API client's id
 * @param profile the enrollment profile; {@code default} when blank
 */
public record HandMintRequest(long client, String profile) {
}
