package io.keyward.gateway.transaction;

import java.time.Instant;
import java.util.UUID;

/**
 * The right to call the upstream services for a transaction and record its outcome
 * ({@link TransactionClaims}).
 *
 * @param profile the transaction's profile
 * @param transactionId its transactionID
 * @param token the token the row carries while claimed
 * @param attempts the attempts recorded when it was claimed
 * @param approvedTemplate the template to issue with when an admin approved the
 * transaction (its challenge was redeemed before it waited), null otherwise
 * @param arrivedAt when the device's request first arrived (the transaction was created):
 * the challenge-service judges the challenge's expiry at this instant
 * @param correlationId the enrollment's correlation id as recorded on the transaction
 * (issue 14)
 */
public record Claim(String profile, String transactionId, UUID token, int attempts, String approvedTemplate,
		Instant arrivedAt, UUID correlationId) {

	/**
	 * @return this claim, under another correlation id
	 */
	public Claim withCorrelationId(UUID id) {
		return new Claim(this.profile, this.transactionId, this.token, this.attempts, this.approvedTemplate,
				this.arrivedAt, id);
	}

	/**
	 * @return whether the transaction was approved and only the CA remains to be asked
	 */
	public boolean approved() {
		return this.approvedTemplate != null;
	}

}
