package io.keyward.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The KEK's files in the data directory: {@code kek} (the current KEK, base64 of 32
 * bytes, mode 0600) and, while a rotation is under way, {@code kek.next} (the KEK it
 * re-seals to). A rotation writes {@code kek.next} durably before re-sealing anything and
 * renames it over {@code kek} only when every schema is re-sealed, so a crash at any
 * point leaves both KEKs on disk and every sealed key readable; services started
 * meanwhile open blobs under either.
 */
public final class KeyEncryptionKeyFile {

	static final String CURRENT = "kek";

	static final String NEXT = "kek.next";

	private KeyEncryptionKeyFile() {
	}

	/**
	 * {@code fromEnvironment} when it is set, otherwise {@code <dataDir>/kek}, created
	 * (mode 0600, durably) when absent; it also opens what {@code kek.next} sealed.
	 * @param fromEnvironment value of {@code KEYWARD_KEK}, may be null or blank
	 * @param dataDir the data directory
	 */
	public static KeyEncryptionKey load(String fromEnvironment, Path dataDir) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return KeyEncryptionKey.of(fromEnvironment);
		}
		Path file = dataDir.resolve(CURRENT);
		try {
			SecretFiles.createPrivate(file, KeyEncryptionKey.generate() + "\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create the key-encryption key " + file + ": " + ex.getMessage(),
					ex);
		}
		return existing(null, dataDir).orElseThrow();
	}

	/**
	 * Like {@link #load} but never creates a KEK: empty when neither the environment nor
	 * {@code <dataDir>/kek} has one.
	 */
	public static Optional<KeyEncryptionKey> existing(String fromEnvironment, Path dataDir) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return Optional.of(KeyEncryptionKey.of(fromEnvironment));
		}
		Optional<KeyEncryptionKey> current = read(dataDir.resolve(CURRENT));
		Optional<KeyEncryptionKey> next = read(dataDir.resolve(NEXT));
		if (current.isPresent() && next.isPresent()) {
			return Optional.of(current.get().alsoOpening(next.get()));
		}
		return current;
	}

	/**
	 * The KEK a rotation re-seals to: {@code kek.next} as an interrupted rotation left
	 * it, or a new one written durably before anything is sealed with it.
	 */
	public static KeyEncryptionKey next(Path dataDir) {
		Path file = dataDir.resolve(NEXT);
		try {
			SecretFiles.createPrivate(file, KeyEncryptionKey.generate() + "\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create " + file + ": " + ex.getMessage(), ex);
		}
		return read(file).orElseThrow();
	}

	/**
	 * End a rotation: {@code kek.next} becomes {@code kek}, and the previous KEK is gone.
	 */
	public static void promoteNext(Path dataDir) throws IOException {
		SecretFiles.replace(dataDir.resolve(NEXT), dataDir.resolve(CURRENT));
	}

	private static Optional<KeyEncryptionKey> read(Path file) {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(KeyEncryptionKey.of(Files.readString(file, StandardCharsets.US_ASCII)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the key-encryption key " + file + ": " + ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
		}
	}

}
