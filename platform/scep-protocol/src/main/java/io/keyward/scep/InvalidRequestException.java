package io.keyward.scep;

/**
 * The messageData is not an acceptable PKCS#10 (bad DER or a self-signature that does not
 * verify); answered as a FAILURE CertRep with {@code badRequest}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1">RFC 8894 section
 * 3.3.1</a>
 */
public class InvalidRequestException extends Exception {

	private static final long serialVersionUID = 1L;

	public InvalidRequestException(String message) {
		super(message);
	}

	public InvalidRequestException(String message, Throwable cause) {
		super(message, cause);
	}

}
