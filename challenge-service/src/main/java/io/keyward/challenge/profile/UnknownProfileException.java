package io.keyward.challenge.profile;

/**
 * An MDM asked for a challenge on a profile that is not configured.
 */
public class UnknownProfileException extends RuntimeException {

	private final String profile;

	public UnknownProfileException(String profile) {
		super("Unknown challenge profile '" + profile + "'.");
		this.profile = profile;
	}

	public String profile() {
		return this.profile;
	}

}
