package io.keyward.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.MessageDigest;
import java.util.Base64;

import io.keyward.challenge.onetime.ChallengeHmacKey;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.SecretFiles;

/**
 * The challenge-service's own key, so that it never needs the key-encryption key: on
 * first start (and on the first start after an upgrade from a version that derived it on
 * every start) {@code <data-dir>/challenge-hmac-key} is written once, derived from the
 * KEK, which keeps every challenge minted before valid; a KEK rotation leaves it as it
 * is. A key whose check value differs from the one the database keeps stops the start in
 * one line.
 */
final class ChallengeKeyCheck {

	private ChallengeKeyCheck() {
	}

	/**
	 * @param fromEnvironment {@code KEYWARD_CHALLENGE_HMAC_KEY}, may be null
	 */
	static void verify(Connection connection, KeyEncryptionKey kek, String fromEnvironment, Path dataDir)
			throws IOException, SQLException {
		byte[] key;
		String source;
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			try {
				key = Base64.getDecoder().decode(fromEnvironment.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new StartRefusedException("KEYWARD_CHALLENGE_HMAC_KEY is not base64 of 32 bytes", ex);
			}
			source = "KEYWARD_CHALLENGE_HMAC_KEY";
		}
		else {
			Path file = dataDir.resolve(ChallengeHmacKey.FILE);
			SecretFiles.createPrivate(file,
					Base64.getEncoder().encodeToString(kek.derive(ChallengeHmacKey.DERIVATION_PURPOSE)) + "\n");
			key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			source = file.toString();
		}
		byte[] stored = storedCheck(connection);
		if (stored != null && !MessageDigest.isEqual(stored, ChallengeHmacKey.check(key))) {
			throw new StartRefusedException("the challenge HMAC key from " + source
					+ " is not the one the stored challenges were hashed with: restore it (every outstanding "
					+ "challenge would be refused under another)");
		}
	}

	private static byte[] storedCheck(Connection connection) throws SQLException {
		try (PreparedStatement exists = connection
			.prepareStatement("select to_regclass('challenge.hmac_key_check') is not null");
				ResultSet table = exists.executeQuery()) {
			if (!table.next() || !table.getBoolean(1)) {
				// first start, or an upgrade from before the check existed
				return null;
			}
		}
		try (PreparedStatement statement = connection
			.prepareStatement("select key_check from challenge.hmac_key_check where id = 1");
				ResultSet rows = statement.executeQuery()) {
			return rows.next() ? rows.getBytes(1) : null;
		}
	}

}
