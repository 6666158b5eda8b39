package io.keyward.sealing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Files that hold secrets: created with mode 0600 before any byte is written, and durable
 * before they are visible under their name (written to a temporary file, fsync'ed, linked
 * into place, and the folder fsync'ed), so a power loss never leaves an empty or torn key
 * file behind data already sealed with it.
 */
public final class SecretFiles {

	private SecretFiles() {
	}

	/**
	 * Create {@code file} with mode 0600 and the given content; when it already exists (a
	 * concurrent first start), leave it as it is.
	 */
	public static void createPrivate(Path file, String content) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		if (Files.exists(file)) {
			return;
		}
		Path temporary = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try (FileChannel channel = FileChannel.open(temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
			channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
		try {
			// a link, unlike a rename, never replaces a file another process created
			// meanwhile
			Files.createLink(file, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			// a concurrent first start won: its file is kept
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		syncFolder(folder);
	}

	/**
	 * Replace {@code target} by {@code source} in one step (a rename within one folder),
	 * durably.
	 */
	public static void replace(Path source, Path target) throws IOException {
		Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		syncFolder(target.toAbsolutePath().getParent());
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
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
	}

	/**
	 * A new directory entry is durable only once its folder is fsync'ed (POSIX fsync(2)
	 * on the file covers its content, not its name).
	 */
	static void syncFolder(Path folder) throws IOException {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// some file systems (and Windows) cannot open a folder for fsync; the file's
			// own
			// fsync is then all there is
			if (Files.isDirectory(folder)) {
				return;
			}
			throw ex;
		}
	}

}
