package io.keyward.api.challenge;

/**
 * Answer to a redemption.
 *
 * @param accepted whether the challenge was valid and is now used up
 * @param template the certificate template to issue with, when accepted
 * @param reason why it was refused (unknown, expired, already used, wrong profile), when
 * not accepted
 */
public record RedemptionResult(boolean accepted, String template, String reason) {

	public static RedemptionResult accepted(String template) {
		return new RedemptionResult(true, template, null);
	}

	public static RedemptionResult rejected(String reason) {
		return new RedemptionResult(false, null, reason);
	}

}
