package io.keyward.api.challenge;

import java.time.Instant;
import java.util.List;

/**
 * The recorded life of one challenge (issue 14, "one correlation id"), as the
 * challenge-service answers the admin-ui. Never the challenge or its hash.
 *
 * @param correlationId the challenge's correlation id
 * @param profile the enrollment profile it was minted for
 * @param template the certificate template a redemption names
 * @param mintedBy the name of the MDM API client that minted it, null when no longer
 * known
 * @param binding what it was bound to when minted, null for nothing
 * @param createdAt when it was minted
 * @param expiresAt when it stops (or stopped) being accepted
 * @param redeemedAt when it was redeemed, null while not
 * @param transactionId the SCEP transactionID that redeemed it, null while not
 * @param certificateSerial the serial of the certificate issued for it, once known
 * @param events what happened to it, oldest first
 */
public record ChallengeLife(String correlationId, String profile, String template, String mintedBy,
		ChallengeBinding binding, Instant createdAt, Instant expiresAt, Instant redeemedAt, String transactionId,
		String certificateSerial, List<Event> events) {

	/**
	 * One recorded step.
	 *
	 * @param type {@code MINTED}, {@code REDEEMED}, {@code REFUSED}, {@code ISSUED},
	 * {@code EXPIRED}, {@code REVOKED} or {@code RELEASED} (given back after the CA
	 * refused the redeeming transaction's CSR)
	 * @param occurredAt when
	 * @param transactionId the SCEP transactionID of a redemption or refused attempt
	 * @param reason why an attempt was refused, or a redemption released
	 * @param certificateSerial the certificate issued, on {@code ISSUED}
	 */
	public record Event(String type, Instant occurredAt, String transactionId, String reason,
			String certificateSerial) {
	}

}
