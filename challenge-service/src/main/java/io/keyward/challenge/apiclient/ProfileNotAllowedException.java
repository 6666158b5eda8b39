package io.keyward.challenge.apiclient;

/**
 * An MDM API client asked for a challenge on a profile it was not given: answered 403, as
 * a missing scope is.
 */
public class ProfileNotAllowedException extends RuntimeException {

	public ProfileNotAllowedException(String client, String profile) {
		super("API client '" + client + "' may not mint challenges for profile '" + profile + "'.");
	}

}
