package io.keyward.edge.caller;

/**
 * The configured caller credentials cannot work: none where a service needs some, a token
 * too short, one token shared by two callers. Reported at start as one line by
 * {@link CallerCredentialsFailureAnalyzer}.
 */
public class CallerCredentialsInvalid extends IllegalStateException {

	public CallerCredentialsInvalid(String message) {
		super(message);
	}

}
