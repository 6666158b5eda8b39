package io.keyward.gateway.profile;

/**
 * Whether a profile's requests wait for an admin before the CA is asked, as an NDES
 * template with "CA certificate manager approval" does.
 */
public enum Approval {

	/** Issued as soon as the challenge is accepted. */
	NONE,

	/**
	 * The challenge is redeemed when the request arrives (so it cannot be used again),
	 * then the transaction waits in WAITING_APPROVAL; the device is answered PENDING (RFC
	 * 8894 section 3.3.2.3) and polls with CertPoll until an admin approves or rejects it
	 * or it expires.
	 */
	REQUIRED

}
