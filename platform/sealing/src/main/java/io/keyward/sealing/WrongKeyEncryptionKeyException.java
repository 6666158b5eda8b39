package io.keyward.sealing;

/**
 * Sealed data that the key-encryption key at hand cannot open: sealed under another KEK
 * (or another purpose), or altered. The message names the key ids, never key material.
 */
public class WrongKeyEncryptionKeyException extends IllegalStateException {

	public WrongKeyEncryptionKeyException(String message) {
		super(message);
	}

	public WrongKeyEncryptionKeyException(String message, Throwable cause) {
		super(message, cause);
	}

}
