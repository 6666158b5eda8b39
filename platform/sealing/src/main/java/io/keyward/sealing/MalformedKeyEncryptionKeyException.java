package io.keyward.sealing;

/**
 * The configured key-encryption key is no key at all: not base64, or not 32 bytes. The
 * message says which, never the value.
 */
public class MalformedKeyEncryptionKeyException extends IllegalArgumentException {

	public MalformedKeyEncryptionKeyException(String message, Throwable cause) {
		super(message, cause);
	}

}
