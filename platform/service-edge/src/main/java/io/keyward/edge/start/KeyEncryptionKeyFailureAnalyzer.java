package io.keyward.edge.start;

import io.keyward.sealing.MalformedKeyEncryptionKeyException;
import io.keyward.sealing.WrongKeyEncryptionKeyException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A service that cannot open its sealed keys with the key-encryption key it was given (a
 * restored database with a new data directory, a {@code KEYWARD_KEK} typed wrong, the kek
 * file lost and a new one created) or was given no key at all stops with one description
 * and one action, not with some 300 lines of nested stack traces. The sealed keys stay as
 * they are: nothing is re-created under the new KEK.
 */
class KeyEncryptionKeyFailureAnalyzer implements FailureAnalyzer {

	static final String ACTION = "Start with the key-encryption key the keys were sealed under: restore "
			+ "<keyward.data-dir>/kek from your backup (replacing a kek file this start may just have created), "
			+ "or set KEYWARD_KEK (keyward.kek) to it. To change the KEK, rotate it while the old one is at hand "
			+ "(./keyward kek rotate, docs/operations.md).";

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof WrongKeyEncryptionKeyException) {
				return new FailureAnalysis(cause.getMessage(), ACTION, cause);
			}
			if (cause instanceof MalformedKeyEncryptionKeyException) {
				return new FailureAnalysis(
						cause.getMessage() + " (KEYWARD_KEK / keyward.kek, or <keyward.data-dir>/kek)",
						"Give the service the key-encryption key: base64 of 32 random bytes (openssl rand -base64 32 "
								+ "for a new installation only; an existing one needs the key its keys were sealed under).",
						cause);
			}
		}
		return null;
	}

}
