package io.keyward.challenge.apiclient;

/**
 * The management API named an API client or key that does not exist (404).
 */
public class UnknownApiClientException extends RuntimeException {

	UnknownApiClientException(String message) {
		super(message);
	}

}
