package io.keyward.challenge.profile;

/**
 * How a profile judges the challengePassword of a request (RFC 8894 section 2.3 leaves it
 * to the server): each mode is one {@code ChallengeValidator}.
 */
public enum ChallengeMode {

	/** Minted here for an MDM, redeemed once (the NDES one-time password cache). */
	ONE_TIME,

	/**
	 * Intune's encrypted challenge, judged with the CSR by Intune's SCEP validation API
	 * ({@code validateRequest}); never PENDING.
	 */
	INTUNE,

	/** Judged by a configured HTTPS endpoint (step-ca's SCEPCHALLENGE webhook style). */
	WEBHOOK

}
