package io.keyward.challenge.intune;

import java.util.function.Supplier;

import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;

/**
 * Turns every way a remote call can fail into {@link IntuneUnavailableException}, so a
 * caller handles one kind of failure and fails closed.
 */
final class IntuneCalls {

	private IntuneCalls() {
	}

	static <T> T unavailableUnless(String call, Supplier<T> remote) {
		try {
			return remote.get();
		}
		catch (HttpStatusCodeException ex) {
			throw new Status(call, ex.getStatusCode().value(), ex);
		}
		catch (RestClientException ex) {
			throw new IntuneUnavailableException(call, "no answer (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	/**
	 * A remote call answered with an HTTP error status.
	 */
	static final class Status extends IntuneUnavailableException {

		private final int status;

		Status(String call, int status, Throwable cause) {
			super(call, "HTTP " + status, cause);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
