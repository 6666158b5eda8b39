package io.keyward.challenge.onetime;

/**
 * No challenge with that id was minted by the asking client: unknown ids and other
 * clients' challenges are answered alike (404), so that a client cannot probe for them.
 */
public class ChallengeNotFoundException extends RuntimeException {

	ChallengeNotFoundException() {
		super("No challenge with that id was minted by this client.");
	}

}
