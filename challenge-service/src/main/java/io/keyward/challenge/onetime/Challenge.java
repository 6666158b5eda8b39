package io.keyward.challenge.onetime;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;

/**
 * A minted one-time challenge password, known only by its keyed hash: a row of
 * {@code challenge.challenge}, read and written by {@link ChallengeRepository}.
 * Redemption state is written by {@link ChallengeRedemption}'s single conditional UPDATE.
 *
 * @param challengeHash HMAC-SHA256 of the challenge ({@link ChallengeHasher}); null once
 * purged ({@link ExpiredChallengePurge})
 * @param profile the enrollment profile it is good for
 * @param template the certificate template a redemption names
 * @param createdAt when it was minted
 * @param expiresAt when it stops being accepted
 * @param redeemedAt when it was redeemed, null while outstanding
 * @param transactionId the SCEP transaction that redeemed it
 * @param publicKeySha256 hex SHA-256 of the redeeming CSR's public key
 * @param apiClientId the MDM API client that minted it
 * @param binding what the MDM bound it to, null for nothing
 * @param publicId the id its client addresses it by
 * @param externalId the client's own reference, null for none
 * @param refusedAt when a CSR that missed its binding burned it
 * @param refusalReason which part that CSR missed
 * @param revokedAt when its client revoked it
 * @param correlationId the one id of its life (issue 14), given by the database on insert
 */
record Challenge(byte @Nullable [] challengeHash, String profile, String template, Instant createdAt, Instant expiresAt,
		@Nullable Instant redeemedAt, @Nullable String transactionId, @Nullable String publicKeySha256,
		@Nullable Long apiClientId, @Nullable ChallengeBinding binding, UUID publicId, @Nullable String externalId,
		@Nullable Instant refusedAt, @Nullable String refusalReason, @Nullable Instant revokedAt,
		@Nullable UUID correlationId) {

	/**
	 * A challenge just minted, not redeemed.
	 */
	static Challenge minted(byte[] challengeHash, String profile, String template, Instant createdAt, Instant expiresAt,
			@Nullable Long apiClientId, @Nullable ChallengeBinding binding, @Nullable String externalId) {
		return new Challenge(challengeHash, profile, template, createdAt, expiresAt, null, null, null, apiClientId,
				binding, UUID.randomUUID(), externalId, null, null, null, null);
	}

	/**
	 * Its state at {@code now}, for its client: a redemption outranks everything, then a
	 * revocation, a refusal, expiry.
	 */
	String state(Instant now) {
		if (this.transactionId != null) {
			return "redeemed";
		}
		if (this.revokedAt != null) {
			return "revoked";
		}
		if (this.refusedAt != null) {
			return "refused";
		}
		return this.expiresAt.isAfter(now) ? "outstanding" : "expired";
	}

}
