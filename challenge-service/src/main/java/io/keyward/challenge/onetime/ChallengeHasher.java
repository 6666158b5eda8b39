package io.keyward.challenge.onetime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a challenge under the challenge HMAC key ({@link ChallengeHmacKey}). A
 * plain hash of a 128-bit challenge would already resist guessing; the key additionally
 * makes a stolen database dump useless without it, and lets a unique index find a
 * challenge by its hash.
 */
final class ChallengeHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	ChallengeHasher(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/**
	 * @param challenge as minted or as a device sent it
	 * @return the 32-byte keyed hash stored in {@code challenge.challenge_hash}
	 */
	byte[] hash(String challenge) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(normalize(challenge).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A password derived from the key, never stored: NDES's single password of one
	 * validity window ({@link StaticChallenges}). The label is domain-separated from the
	 * hashes, so a derived password tells nothing of a stored hash.
	 * @param label what the password is for (profile and window)
	 * @param bytes how many bytes, written as twice as many upper-case hex characters
	 */
	String derive(String label, int bytes) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] derived = mac.doFinal(("keyward-single-password\0" + label).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(derived, 0, bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Minted challenges are upper-case hex; an admin who copies one by hand may change
	 * its case or add blanks around it. Case-folding hex costs no entropy.
	 */
	static String normalize(String challenge) {
		return challenge.strip().toUpperCase(Locale.ROOT);
	}

}
