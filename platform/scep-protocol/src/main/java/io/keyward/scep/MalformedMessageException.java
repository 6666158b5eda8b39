package io.keyward.scep;

/**
 * The message cannot be understood at all (not CMS, no signer certificate, missing SCEP
 * attributes, bad base64), so no CertRep can be built: the HTTP layer answers 400. The
 * message is short and safe to show to the caller.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3">RFC 8894 section 3</a>
 */
public class MalformedMessageException extends Exception {

	private static final long serialVersionUID = 1L;

	public MalformedMessageException(String message) {
		super(message);
	}

	public MalformedMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
