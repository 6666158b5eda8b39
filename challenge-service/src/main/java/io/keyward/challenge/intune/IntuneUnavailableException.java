package io.keyward.challenge.intune;

/**
 * Intune (or Entra, or Graph) could not give an answer: a connection failure, a timeout,
 * a 5xx, a refused token, a service missing from discovery. Nothing is issued on it.
 */
class IntuneUnavailableException extends RuntimeException {

	private final String call;

	IntuneUnavailableException(String call, String detail) {
		super(call + ": " + detail);
		this.call = call;
	}

	IntuneUnavailableException(String call, String detail, Throwable cause) {
		super(call + ": " + detail, cause);
		this.call = call;
	}

	String call() {
		return this.call;
	}

}
