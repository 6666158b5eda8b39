package io.keyward.gateway.ra;

/**
 * The RA certificates do not exist yet and could not be created (the CA is unreachable or
 * refused): the gateway cannot sign or decrypt SCEP messages until they do.
 */
public class RaKeysUnavailableException extends RuntimeException {

	RaKeysUnavailableException(Throwable cause) {
		super("RA certificates are not available", cause);
	}

}
