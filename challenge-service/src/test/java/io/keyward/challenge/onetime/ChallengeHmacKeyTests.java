package io.keyward.challenge.onetime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.keyward.challenge.ChallengeServiceApplication;
import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;
import io.keyward.testsupport.StartFailureReport;
import io.keyward.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The service's challenge HMAC key is checked against the check value its first start
 * recorded: another key stops the start instead of orphaning outstanding challenges.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChallengeHmacKeyTests extends IntegrationTestSupport {

	@TempDir
	Path dataDir;

	@Autowired
	DataSource dataSource;

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
	void whenTheServiceIsStartedAloneWithAnotherHmacKeyThenOneClearReportAndNoStackTrace(CapturedOutput output) {
		TestPostgres postgres = TestPostgres.get();
		String other = Base64.getEncoder().encodeToString(new byte[32]);
		int before = output.length();

		// the schema of the running test service, whose start recorded HMAC_KEY's check
		assertThatException().isThrownBy(() -> ChallengeServiceApplication.application()
			.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(),
					"--spring.datasource.hikari.maximum-pool-size=2", "--keyward.data-dir=" + this.dataDir,
					"--keyward.challenge.hmac-key=" + other, "--keyward.edge.callers.gateway.tokens=" + SERVICE_TOKEN,
					"--spring.application.name=challenge-service-other-key")
			.close());

		StartFailureReport.requireOneClearReport(output.toString().substring(before),
				"is not the one the stored challenges were hashed with", "Start with that key");
	}

	@Test
	void whenADatabaseOfThePreviousVersionIsMigratedThenItsChallengesStayAndTheFirstStartRecordsTheKey()
			throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("2")) {
			String schema = scratch.name();
			ChallengeHasher previous = new ChallengeHasher(Base64.getDecoder().decode(HMAC_KEY));
			this.jdbc.update(
					"insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
							+ "expires_at) values (?, 'default', 'default', now(), now() + interval '1 hour')",
					(Object) previous.hash("ABCDEF0123456789"));
			scratch.migrate();
			JdbcClient client = JdbcClient.create(this.jdbc);
			assertThat(client.sql("select count(*) from " + schema + ".hmac_key_check").query(Integer.class).single())
				.isZero();
			ChallengeHasher upgraded = new ChallengeHashingConfiguration().challengeHasher(HMAC_KEY, this.dataDir,
					schema, client, this.clock);
			assertThat(client.sql("select count(*) from " + schema + ".challenge where challenge_hash = ?")
				.param(upgraded.hash("abcdef0123456789"))
				.query(Integer.class)
				.single()).as("the challenge minted before the upgrade is found").isOne();
			assertThatIllegalStateException().isThrownBy(() -> new ChallengeHashingConfiguration().challengeHasher(
					Base64.getEncoder().encodeToString(new byte[32]), this.dataDir, schema, client, this.clock));
		}
	}

	@Test
	void whenNoKeyIsConfiguredThenOneIsCreatedInTheDataDirectoryWithMode0600() throws Exception {
		byte[] key = ChallengeHmacKey.load("", this.dataDir);
		Path file = this.dataDir.resolve(ChallengeHmacKey.FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(ChallengeHmacKey.load(null, this.dataDir)).isEqualTo(key).hasSize(32);
	}

}
