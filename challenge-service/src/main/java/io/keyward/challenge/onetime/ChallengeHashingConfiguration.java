package io.keyward.challenge.onetime;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import io.keyward.edge.start.StartRefusedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The challenge HMAC key ({@link ChallengeHmacKey}), checked against the check value the
 * database keeps: the first start records it, and a later start with another key refuses
 * to run rather than make every outstanding challenge unknown.
 */
@Configuration(proxyBeanMethods = false)
class ChallengeHashingConfiguration {

	@Bean
	ChallengeHasher challengeHasher(@Value("${keyward.challenge.hmac-key:}") String configured,
			@Value("${keyward.data-dir}") Path dataDir, @Value("${spring.flyway.default-schema}") String schema,
			JdbcClient jdbc, Clock clock) {
		byte[] key = ChallengeHmacKey.load(configured, dataDir);
		jdbc.sql("insert into " + schema + ".hmac_key_check (id, key_check, created_at) values (1, :check, :now) "
				+ "on conflict (id) do nothing")
			.param("check", ChallengeHmacKey.check(key))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		Optional<byte[]> stored = jdbc.sql("select key_check from " + schema + ".hmac_key_check where id = 1")
			.query(byte[].class)
			.optional();
		if (stored.isPresent() && !ChallengeHmacKey.matches(key, stored.get())) {
			throw new StartRefusedException(
					"the challenge HMAC key (keyward.challenge.hmac-key, or <data-dir>/" + ChallengeHmacKey.FILE
							+ ") is not the one the stored challenges were hashed with",
					"Start with that key (KEYWARD_CHALLENGE_HMAC_KEY, or restore the " + ChallengeHmacKey.FILE
							+ " file from your backup); with another one every outstanding challenge would be refused.");
		}
		return new ChallengeHasher(key);
	}

}
