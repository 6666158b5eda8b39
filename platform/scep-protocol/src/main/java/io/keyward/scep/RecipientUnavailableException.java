package io.keyward.scep;

/**
 * The holder of a {@link DelegatedRecipient}'s key, or of the key a CertRep is signed
 * with, cannot be reached: nothing was decided, the client may retry.
 */
public class RecipientUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RecipientUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
