package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.KeyEncryptionKeyFile;

/**
 * {@code ./keyward kek rotate}: a new key-encryption key for the data directory. The new
 * KEK is written durably to {@code kek.next} first; then each schema's sealed keys are
 * re-sealed under it in one transaction per schema; only then does {@code kek.next}
 * replace {@code kek}. Keyward must be stopped (the embedded database's lock says so). A
 * crash anywhere leaves both KEKs on disk, the services open keys under either, and
 * running the command again finishes the same rotation.
 */
final class KeyEncryptionKeyRotation {

	private KeyEncryptionKeyRotation() {
	}

	/**
	 * @return the log line that reports the rotation (key ids, never keys)
	 */
	static String rotate(StandaloneSettings settings, String fromEnvironment) throws IOException {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			throw new StartRefusedException("KEYWARD_KEK is set: this command rotates the kek file of the data "
					+ "directory; unset KEYWARD_KEK to rotate it");
		}
		Path dataDir = settings.dataDir();
		try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, settings.databasePort());
				Connection connection = database.connect()) {
			KeyEncryptionKey current = KeyEncryptionKeyCheck.verify(connection, null, dataDir);
			// the challenge key is derived from the KEK once and then kept: written now,
			// before the KEK changes, if no start since an upgrade has written it
			ChallengeKeyCheck.verify(connection, current, System.getenv("KEYWARD_CHALLENGE_HMAC_KEY"), dataDir);
			KeyEncryptionKey next = KeyEncryptionKeyFile.next(dataDir);
			KeyEncryptionKey opener = current.alsoOpening(next);
			int resealed = 0;
			for (String schema : SealedKeys.schemas()) {
				resealed += SealedKeys.reseal(connection, schema, opener, next);
			}
			KeyEncryptionKeyFile.promoteNext(dataDir);
			return "event=kek_rotated keyId=" + next.keyId() + " previousKeyId=" + current.keyId() + " resealed="
					+ resealed;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the rotation stopped (run it again to finish): " + ex.getMessage(), ex);
		}
	}

}
