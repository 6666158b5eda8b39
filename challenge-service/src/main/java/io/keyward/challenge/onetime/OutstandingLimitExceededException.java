package io.keyward.challenge.onetime;

/**
 * A profile already has {@code max-outstanding} unexpired, unredeemed challenges, or an
 * API client its own cap across its profiles: the NDES "password cache is full"
 * condition.
 */
public class OutstandingLimitExceededException extends RuntimeException {

	OutstandingLimitExceededException(String profile, int limit) {
		this("Profile '" + profile + "' already has " + limit
				+ " outstanding challenges; redeem some or wait for them to expire.");
	}

	private OutstandingLimitExceededException(String message) {
		super(message);
	}

	static OutstandingLimitExceededException ofClient(String client, int limit) {
		return new OutstandingLimitExceededException("API client '" + client + "' already has " + limit
				+ " outstanding challenges; redeem some or wait for them to expire.");
	}

}
