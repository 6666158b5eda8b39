package io.keyward.standalone.aot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JarSignaturesTests {

	@TempDir
	Path lib;

	@Test
	void whenAJarIsSignedThenOnlyItsSignatureFilesAreRemoved() throws IOException {
		Path signed = jar("bcprov.jar", "META-INF/MANIFEST.MF", "META-INF/BC1024KE.SF", "META-INF/BC1024KE.DSA",
				"META-INF/BC2048KE.SF", "META-INF/BC2048KE.RSA", "META-INF/EC.EC",
				"org/bouncycastle/jce/provider/BouncyCastleProvider.class", "META-INF/versions/9/module-info.class");
		Path plain = jar("plain.jar", "META-INF/MANIFEST.MF", "io/keyward/Plain.class");
		long plainModified = Files.getLastModifiedTime(plain).toMillis();

		List<Path> unsigned = JarSignatures.strip(this.lib);

		assertThat(unsigned).containsExactly(signed);
		assertThat(entries(signed)).containsExactlyInAnyOrder("META-INF/MANIFEST.MF",
				"org/bouncycastle/jce/provider/BouncyCastleProvider.class", "META-INF/versions/9/module-info.class");
		assertThat(entries(plain)).containsExactlyInAnyOrder("META-INF/MANIFEST.MF", "io/keyward/Plain.class");
		assertThat(Files.getLastModifiedTime(plain).toMillis()).as("an unsigned jar is not rewritten")
			.isEqualTo(plainModified);
	}

	@Test
	void whenRunAgainThenNothingIsLeftToRemove() throws IOException {
		jar("bcutil.jar", "META-INF/MANIFEST.MF", "META-INF/BC.SF", "META-INF/BC.RSA", "org/bouncycastle/A.class");
		assertThat(JarSignatures.strip(this.lib)).hasSize(1);
		assertThat(JarSignatures.strip(this.lib)).isEmpty();
	}

	private Path jar(String name, String... entries) throws IOException {
		Path jar = this.lib.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (String entry : entries) {
				zip.putNextEntry(new ZipEntry(entry));
				zip.write(entry.equals("META-INF/MANIFEST.MF")
						? "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] { 1, 2, 3 });
				zip.closeEntry();
			}
		}
		return jar;
	}

	private static List<String> entries(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
		}
	}

}
