package io.keyward.challenge.onetime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.keyward.edge.start.StartRefusedException;
import io.keyward.sealing.SecretFiles;

/**
 * The one key the challenge-service holds: the HMAC key of the challenge hashes, from
 * {@code keyward.challenge.hmac-key} ({@code KEYWARD_CHALLENGE_HMAC_KEY}, base64 of 32
 * bytes) or {@code <data-dir>/challenge-hmac-key}. It is not the key-encryption key,
 * which this service never sees: the standalone suite writes the file once, derived from
 * the KEK (so challenges minted by earlier versions, hashed under that derived key, stay
 * valid), and a rotation of the KEK leaves it alone. Its check value is kept in the
 * database, so that a wrong key stops the service instead of silently making every
 * outstanding challenge unknown.
 */
public final class ChallengeHmacKey {

	/** The file in the data directory. */
	public static final String FILE = "challenge-hmac-key";

	/** What the KEK-derived key was derived for (KeyEncryptionKey#derive). */
	public static final String DERIVATION_PURPOSE = "challenge-hmac";

	private ChallengeHmacKey() {
	}

	/**
	 * @param configured {@code keyward.challenge.hmac-key}, may be blank
	 * @param dataDir where {@link #FILE} is read, or created with a random key when
	 * absent
	 * @return the 32-byte key
	 */
	static byte[] load(String configured, Path dataDir) {
		if (configured != null && !configured.isBlank()) {
			return decode(configured, "keyward.challenge.hmac-key");
		}
		Path file = dataDir.resolve(FILE);
		try {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			SecretFiles.createPrivate(file, Base64.getEncoder().encodeToString(fresh) + "\n");
			return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create the challenge HMAC key " + file, ex);
		}
	}

	/**
	 * The value stored in {@code challenge.hmac_key_check}: HMAC-SHA256 of a fixed text
	 * under the key, which identifies the key without revealing it or any challenge hash.
	 */
	public static byte[] check(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal("keyward challenge-hmac-key check".getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean matches(byte[] key, byte[] storedCheck) {
		return MessageDigest.isEqual(check(key), storedCheck);
	}

	private static byte[] decode(String base64, String source) {
		try {
			byte[] key = Base64.getDecoder().decode(base64.strip());
			if (key.length == 32) {
				return key;
			}
		}
		catch (IllegalArgumentException ex) {
			// said below
		}
		throw new StartRefusedException(source + " is not base64 of 32 bytes",
				"Give the challenge-service its HMAC key as base64 of 32 bytes: the key its stored challenges were "
						+ "hashed with (KEYWARD_CHALLENGE_HMAC_KEY, or the " + FILE + " file of the data directory).");
	}

}
