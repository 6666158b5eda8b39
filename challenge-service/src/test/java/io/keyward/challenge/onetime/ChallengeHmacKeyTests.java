package io.keyward.challenge.onetime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The service's challenge HMAC key is checked against the check value its first start
 * recorded: another key stops the start instead of orphaning outstanding challenges.
 */
class ChallengeHmacKeyTests extends IntegrationTestSupport {

	@TempDir
	Path dataDir;

	@Test
	void whenTheServiceStartsWithAnotherHmacKeyThenItRefusesAndNamesTheKey() {
		JdbcClient client = JdbcClient.create(this.jdbc);
		String other = Base64.getEncoder().encodeToString(new byte[32]);
		assertThatIllegalStateException()
			.isThrownBy(() -> new ChallengeHashingConfiguration().challengeHasher(other, this.dataDir, "challenge",
					client, this.clock))
			.withMessageContaining("is not the one the stored challenges were hashed with");
		assertThat(new ChallengeHashingConfiguration().challengeHasher(HMAC_KEY, this.dataDir, "challenge", client,
				this.clock))
			.as("the key the running service was started with")
			.isNotNull();
	}

	@Test
	void whenNoKeyIsConfiguredThenOneIsCreatedInTheDataDirectoryWithMode0600() throws Exception {
		byte[] key = ChallengeHmacKey.load("", this.dataDir);
		Path file = this.dataDir.resolve(ChallengeHmacKey.FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(ChallengeHmacKey.load(null, this.dataDir)).isEqualTo(key).hasSize(32);
	}

}
