package io.keyward.api.challenge;

import java.time.Instant;
import java.util.UUID;

/**
 * A freshly minted one-time challenge password. The clear text exists only in this
 * answer; the challenge-service keeps a keyed hash.
 *
 * @param challenge 32 upper-case hex characters (128 bits)
 * @param profile the enrollment profile it is good for
 * @param expiresAt when it stops being accepted (UTC)
 * @param id the challenge's stable public id, for {@code GET} and {@code DELETE
 * /api/v1/challenges/{id}}
 * @param correlationId the one id (a UUID) of this challenge's life: the gateway's
 * transaction and the ca-adapter's certificate carry it too (issue 14); null from a
 * challenge-service that does not record it
 */
public record MintedChallenge(String challenge, String profile, Instant expiresAt, UUID id, String correlationId) {

	public MintedChallenge(String challenge, String profile, Instant expiresAt) {
		this(challenge, profile, expiresAt, null, null);
	}

}
