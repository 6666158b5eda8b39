package io.keyward.sealing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KeyEncryptionKeyFileTests {

	@TempDir
	Path dataDir;

	@Test
	void whenNoKekExistsThenLoadCreatesAPrivateFileAndLeavesNoTemporaryFile() throws Exception {
		assertThat(KeyEncryptionKeyFile.existing(null, this.dataDir)).isEmpty();
		KeyEncryptionKey created = KeyEncryptionKeyFile.load(null, this.dataDir);
		Path file = this.dataDir.resolve("kek");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(KeyEncryptionKeyFile.load(null, this.dataDir).keyId()).isEqualTo(created.keyId());
		try (var names = Files.list(this.dataDir)) {
			assertThat(names.map((name) -> name.getFileName().toString())).containsExactly("kek");
		}
	}

	@Test
	void whenTheEnvironmentHoldsTheKekThenNoFileIsWritten() {
		KeyEncryptionKey kek = KeyEncryptionKeyFile.load(KeyEncryptionKeyTests.KEK, this.dataDir);
		assertThat(kek.keyId()).isEqualTo(KeyEncryptionKey.of(KeyEncryptionKeyTests.KEK).keyId());
		assertThat(this.dataDir.resolve("kek")).doesNotExist();
	}

	@Test
	void whenARotationWasInterruptedThenItsNextKekIsReusedAndBothOpen() throws Exception {
		KeyEncryptionKey current = KeyEncryptionKeyFile.load(null, this.dataDir);
		KeyEncryptionKey next = KeyEncryptionKeyFile.next(this.dataDir);
		assertThat(KeyEncryptionKeyFile.next(this.dataDir).keyId()).as("a re-run continues the same rotation")
			.isEqualTo(next.keyId());
		byte[] underNext = next.seal(new byte[] { 1, 2, 3 }, "ca:root");
		KeyEncryptionKey meanwhile = KeyEncryptionKeyFile.load(null, this.dataDir);
		assertThat(meanwhile.keyId()).isEqualTo(current.keyId());
		assertThat(meanwhile.open(underNext, "ca:root")).containsExactly(1, 2, 3);
		KeyEncryptionKeyFile.promoteNext(this.dataDir);
		assertThat(KeyEncryptionKeyFile.load(null, this.dataDir).keyId()).isEqualTo(next.keyId());
		assertThat(this.dataDir.resolve("kek.next")).doesNotExist();
	}

	@Test
	void whenTheSecretFileExistsThenCreatingItAgainKeepsItsContent() throws Exception {
		Path file = this.dataDir.resolve("service-token");
		SecretFiles.createPrivate(file, "first\n");
		SecretFiles.createPrivate(file, "second\n");
		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("first\n");
	}

}
