package io.keyward.api.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets: created with mode 0600 before any byte is written.
 */
public final class SecretFiles {

	private SecretFiles() {
	}

	/**
	 * Create {@code file} with mode 0600 and the given content; when it already exists (a
	 * concurrent first start), leave it as it is.
	 */
	public static void createPrivate(Path file, String content) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
	}

	/**
	 * Append a line to {@code <dataDir>/initial-credentials} (mode 0600), where first
	 * start leaves the generated admin password and API key for the operator.
	 */
	public static synchronized void appendInitialCredential(Path dataDir, String line) throws IOException {
		Path file = dataDir.resolve("initial-credentials");
		if (!Files.exists(file)) {
			createPrivate(file, "");
		}
		Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

}
