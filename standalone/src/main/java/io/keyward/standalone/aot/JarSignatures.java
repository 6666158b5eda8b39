package io.keyward.standalone.aot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes the signature files of signed jars ({@code META-INF/*.SF} and the signature
 * blocks {@code .RSA}, {@code .DSA}, {@code .EC}) so that the JDK puts their classes into
 * an AOT cache: it leaves the classes of signed jars out, and Bouncy Castle's jars, on
 * every enrollment's path, are signed. OpenJDK does not require a signed JCE provider.
 * Only for the extracted copies an AOT cache is trained on and run with
 * (deploy/aot/README.md); a runtime image without {@code zip} runs this instead of
 * {@code deploy/aot/unsign.sh}'s zip through the JDK's zip file system.
 */
public final class JarSignatures {

	private static final Pattern SIGNATURE = Pattern.compile("[^/]+\\.(SF|RSA|DSA|EC)");

	private JarSignatures() {
	}

	/**
	 * @param directory a directory of jars (an extracted layout's {@code lib/})
	 * @return the jars whose signature files were removed
	 * @throws IOException when a jar cannot be read or rewritten
	 */
	public static List<Path> strip(Path directory) throws IOException {
		List<Path> unsigned = new ArrayList<>();
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
			for (Path jar : jars) {
				if (strip1(jar)) {
					unsigned.add(jar);
				}
			}
		}
		return unsigned;
	}

	private static boolean strip1(Path jar) throws IOException {
		List<Path> signatures = new ArrayList<>();
		try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
			Path metaInf = zip.getPath("META-INF");
			if (!Files.isDirectory(metaInf)) {
				return false;
			}
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(metaInf)) {
				for (Path entry : entries) {
					if (SIGNATURE.matcher(entry.getFileName().toString()).matches()) {
						signatures.add(entry);
					}
				}
			}
			for (Path signature : signatures) {
				Files.delete(signature);
			}
		}
		return !signatures.isEmpty();
	}

}
