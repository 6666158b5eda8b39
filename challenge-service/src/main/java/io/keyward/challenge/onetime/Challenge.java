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
 * @param challengeHash HMAC-SHA256 of the challenge ({@link ChallengeHasher})
 * @param profile the enrollment profile it is good for
 * @param template the certificate template a redemption names
 * @param createdAt when it was minted
 * @param expiresAt when it stops being accepted
 * @param redeemedAt when it was redeemed, null while outstanding
 * @param transactionId the SCEP transaction that redeemed it
 * @param publicKeySha256 hex SHA-256 of the redeeming CSR's public key
 * @param apiClientId the MDM API client that minted it
 * @param binding what the MDM bound it to, null for nothing
 * @param correlationId the one id of its life (issue 14), given by the database on insert
 */
record Challenge(byte[] challengeHash, String profile, String template, Instant createdAt, Instant expiresAt,
		@Nullable Instant redeemedAt, @Nullable String transactionId, @Nullable String publicKeySha256,
		@Nullable Long apiClientId, @Nullable ChallengeBinding binding, @Nullable UUID correlationId) {

	/**
	 * A challenge just minted, not redeemed.
	 */
	static Challenge minted(byte[] challengeHash, String profile, String template, Instant createdAt, Instant expiresAt,
			@Nullable Long apiClientId, @Nullable ChallengeBinding binding) {
		return new Challenge(challengeHash, profile, template, createdAt, expiresAt, null, null, null, apiClientId,
				binding, null);
	}

}
