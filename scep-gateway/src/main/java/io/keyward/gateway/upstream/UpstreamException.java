package io.keyward.gateway.upstream;

/**
 * A call to the challenge-service or the ca-adapter failed
 * ({@link UpstreamFailure#call}). Thrown and caught on the enrollment path only, so it
 * carries no stack trace.
 */
public final class UpstreamException extends RuntimeException {

	private final String service;

	private final UpstreamFailure failure;

	UpstreamException(String service, UpstreamFailure failure) {
		super(service + ": " + failure.detail(), null, false, false);
		this.service = service;
		this.failure = failure;
	}

	/**
	 * @return the service called, e.g. {@code ca-adapter}
	 */
	public String service() {
		return this.service;
	}

	/**
	 * @return whether it refused or could not answer, and why
	 */
	public UpstreamFailure failure() {
		return this.failure;
	}

}
