package io.keyward.challenge.ndes;

/**
 * The CA certificate could not be read from the ca-adapter, and none read earlier is
 * still shown: the NDES page cannot say which CA its password is for.
 */
class CaUnavailableException extends RuntimeException {

	CaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
