package io.keyward.api.challenge;

/**
 * Answer to a redemption.
 *
 * @param accepted whether the challenge was valid and is now used up
 * @param template the certificate template to issue with, when accepted
 * @param reason why it was refused (unknown, expired, already used, wrong profile), when
 * not accepted
 * @param binding what the challenge was bound to when minted, for the ca-adapter; null
 * when nothing or not accepted
 * @param correlationId the correlation id of the challenge, when accepted: the gateway
 * records its transaction and asks for the certificate under it; null when refused
 * @param neverPending whether the request must never be answered PENDING (Intune's
 * validation: its devices do not wait), so the gateway refuses it on a profile that waits
 * for approval; false from a challenge-service that does not say
 */
public record RedemptionResult(boolean accepted, String template, String reason, ChallengeBinding binding,
		String correlationId, boolean neverPending) {

	public RedemptionResult(boolean accepted, String template, String reason, ChallengeBinding binding,
			String correlationId) {
		this(accepted, template, reason, binding, correlationId, false);
	}

	public RedemptionResult(boolean accepted, String template, String reason, ChallengeBinding binding) {
		this(accepted, template, reason, binding, null);
	}

	public RedemptionResult(boolean accepted, String template, String reason) {
		this(accepted, template, reason, null);
	}

	public static RedemptionResult accepted(String template) {
		return accepted(template, null);
	}

	public static RedemptionResult accepted(String template, ChallengeBinding binding) {
		return new RedemptionResult(true, template, null, binding, null);
	}

	/**
	 * @return this answer, naming the challenge's correlation id
	 */
	public RedemptionResult withCorrelationId(String correlationId) {
		return new RedemptionResult(this.accepted, this.template, this.reason, this.binding, correlationId,
				this.neverPending);
	}

	/**
	 * @return this answer, saying the request must never be answered PENDING
	 */
	public RedemptionResult withNeverPending() {
		return new RedemptionResult(this.accepted, this.template, this.reason, this.binding, this.correlationId, true);
	}

	public static RedemptionResult rejected(String reason) {
		return new RedemptionResult(false, null, reason, null, null);
	}

}
