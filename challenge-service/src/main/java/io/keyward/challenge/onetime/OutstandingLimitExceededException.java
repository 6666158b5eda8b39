package io.keyward.challenge.onetime;

/**
 * A profile already has {@code max-outstanding} unexpired, unredeemed challenges: the
 * NDES "password cache is full" condition.
 */
public class OutstandingLimitExceededException extends RuntimeException {

	OutstandingLimitExceededException(String profile, int limit) {
		super("Profile '" + profile + "' already has " + limit
				+ " outstanding challenges; redeem some or wait for them to expire.");
	}

}
