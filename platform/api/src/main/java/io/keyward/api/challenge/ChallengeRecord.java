package io.keyward.api.challenge;

import java.time.Instant;
import java.util.UUID;

/**
 * A minted challenge as its MDM API client reads it back with {@code GET
 * /api/v1/challenges/{id}}: its life, never its secret.
 *
 * @param id the public id the mint answered
 * @param state {@code outstanding}, {@code redeemed}, {@code refused} (a CSR did not
 * match its binding: it is burned), {@code revoked} or {@code expired}
 * @param profile the enrollment profile it is good for
 * @param template the certificate template a redemption names
 * @param externalId the MDM's own reference, null for none
 * @param binding what it was bound to, null for nothing
 * @param createdAt when it was minted
 * @param expiresAt when it stops (or stopped) being accepted
 * @param redeemedAt when it was redeemed, null when not
 * @param transactionId the SCEP transactionID that redeemed it, null when not
 * @param refusedAt when a CSR that did not match its binding burned it, null when not
 * @param refusalReason which part of the binding that CSR did not match
 * @param revokedAt when its client revoked it, null when not
 */
public record ChallengeRecord(UUID id, String state, String profile, String template, String externalId,
		ChallengeBinding binding, Instant createdAt, Instant expiresAt, Instant redeemedAt, String transactionId,
		Instant refusedAt, String refusalReason, Instant revokedAt) {
}
