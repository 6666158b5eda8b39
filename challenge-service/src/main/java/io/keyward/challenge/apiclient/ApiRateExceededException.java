package io.keyward.challenge.apiclient;

/**
 * An MDM API client is over its rate ({@link ApiClientRate}).
 */
public class ApiRateExceededException extends RuntimeException {

	private final long retryAfterSeconds;

	ApiRateExceededException(long retryAfterSeconds) {
		super("This API client is over its request rate: retry after " + retryAfterSeconds + " s.", null, false, false);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
