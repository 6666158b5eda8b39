package io.keyward.challenge.onetime;

/**
 * A client asked to revoke a challenge a device has already redeemed: the certificate is
 * out, revoking the challenge would change nothing (409; revoke the certificate instead).
 */
public class ChallengeAlreadyRedeemedException extends RuntimeException {

	ChallengeAlreadyRedeemedException(String transactionId) {
		super("The challenge was already redeemed by SCEP transaction " + transactionId
				+ "; revoke the certificate instead.");
	}

}
