package io.keyward.challenge.onetime;

/**
 * A mint request whose {@code binding} is malformed: the MDM's mistake, answered 400.
 */
public class InvalidBindingException extends RuntimeException {

	InvalidBindingException(String message) {
		super(message);
	}

}
