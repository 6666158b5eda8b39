package io.keyward.api.challenge;

/**
 * What an MDM bound a challenge to when it minted it: identity the certificate may carry
 * only because the MDM, not the device, vouched for it. Handed back by the redemption to
 * the gateway, which passes it to the ca-adapter; the template decides whether it goes
 * into the certificate. Kept a record of optional parts so that later bindings (expected
 * subject, SANs, device id) join it without changing the calls.
 *
 * @param sid the Windows security identifier of the account the certificate is for
 * ({@code S-1-5-21-...}), put into the Microsoft strong-mapping SAN URL and extension
 * (KB5014754) where the template allows it; null for none
 */
public record ChallengeBinding(String sid) {

	/** A security identifier as Windows writes it: S-1-authority-subauthorities. */
	public static final String SID_PATTERN = "S-1-[0-9]{1,14}(-[0-9]{1,10}){1,15}";

}
