package io.keyward.standalone;

/**
 * Keyward cannot start for a reason that is the operator's to fix (the data directory in
 * use, a missing or wrong key-encryption key): the launcher prints the message as one
 * line, without a stack trace, and exits with status 1.
 */
class StartRefusedException extends IllegalStateException {

	StartRefusedException(String message) {
		super(message);
	}

	StartRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
