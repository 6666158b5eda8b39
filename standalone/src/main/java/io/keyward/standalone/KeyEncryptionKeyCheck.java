package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.KeyEncryptionKeyFile;
import io.keyward.sealing.WrongKeyEncryptionKeyException;

/**
 * Before any service starts: the key-encryption key must open every sealed private key in
 * the database. A KEK is created only when nothing is sealed yet; a missing or wrong one
 * over sealed keys refuses the start in one line instead of letting each service fail
 * with its own stack trace (or a new KEK silently orphan the old keys).
 */
final class KeyEncryptionKeyCheck {

	private KeyEncryptionKeyCheck() {
	}

	/**
	 * The KEK and the challenge-service's key ({@link ChallengeKeyCheck}), as
	 * {@code KEYWARD_KEK} and {@code KEYWARD_CHALLENGE_HMAC_KEY} or the data directory
	 * give them.
	 * @throws StartRefusedException when either is missing, malformed or wrong
	 */
	static void beforeServicesStart(EmbeddedDatabase database, Path dataDir) throws IOException {
		try (Connection connection = database.connect()) {
			KeyEncryptionKey kek = verify(connection, System.getenv("KEYWARD_KEK"), dataDir);
			ChallengeKeyCheck.verify(connection, kek, System.getenv("KEYWARD_CHALLENGE_HMAC_KEY"), dataDir);
		}
		catch (SQLException ex) {
			throw new IOException("cannot check the keys in the embedded database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param fromEnvironment {@code KEYWARD_KEK}, may be null
	 * @return the KEK, created in {@code dataDir} when absent and nothing is sealed
	 * @throws StartRefusedException when the KEK is missing, malformed or wrong
	 */
	static KeyEncryptionKey verify(Connection connection, String fromEnvironment, Path dataDir) {
		String source = (fromEnvironment != null && !fromEnvironment.isBlank()) ? "KEYWARD_KEK"
				: dataDir.resolve("kek").toString();
		try {
			List<SealedKeys.Sealed> sealed = SealedKeys.read(connection, null, false);
			Optional<KeyEncryptionKey> existing = KeyEncryptionKeyFile.existing(fromEnvironment, dataDir);
			if (existing.isEmpty()) {
				if (!sealed.isEmpty()) {
					throw new StartRefusedException("the key-encryption key is missing (no " + source
							+ ", no KEYWARD_KEK) but the database holds " + sealed.size()
							+ " private keys sealed under one: restore the kek file from your backup or set KEYWARD_KEK; "
							+ "a new KEK would leave them unopenable");
				}
				return KeyEncryptionKeyFile.load(null, dataDir);
			}
			KeyEncryptionKey kek = existing.get();
			List<SealedKeys.Sealed> failed = SealedKeys.unopenable(sealed, kek);
			if (!failed.isEmpty()) {
				SealedKeys.Sealed first = failed.get(0);
				throw new StartRefusedException("the key-encryption key from " + source + " (key id " + kek.keyId()
						+ ") does not open " + failed.size() + " of " + sealed.size() + " sealed private keys, "
						+ "for example " + first.describe() + " (" + reason(first, kek)
						+ "): start with the KEK they were sealed under (restore the kek file or KEYWARD_KEK)");
			}
			return kek;
		}
		catch (IllegalArgumentException ex) {
			throw new StartRefusedException("the key-encryption key is unusable: " + ex.getMessage(), ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the sealed keys: " + ex.getMessage(), ex);
		}
	}

	private static String reason(SealedKeys.Sealed key, KeyEncryptionKey kek) {
		try {
			kek.open(key.blob(), key.purpose());
			return "opens";
		}
		catch (WrongKeyEncryptionKeyException ex) {
			return ex.getMessage();
		}
	}

}
