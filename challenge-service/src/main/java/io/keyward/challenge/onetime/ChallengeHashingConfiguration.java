package io.keyward.challenge.onetime;

import java.nio.file.Path;

import io.keyward.api.secret.KeyEncryptionKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The challenge HMAC key: derived from the KEK ({@code keyward.kek}, else
 * {@code <data-dir>/kek}). Changing the KEK makes every outstanding challenge unknown.
 */
@Configuration(proxyBeanMethods = false)
class ChallengeHashingConfiguration {

	static final String HMAC_KEY_PURPOSE = "challenge-hmac";

	@Bean
	ChallengeHasher challengeHasher(@Value("${keyward.kek:}") String kek, @Value("${keyward.data-dir}") Path dataDir) {
		return new ChallengeHasher(KeyEncryptionKey.load(kek, dataDir).derive(HMAC_KEY_PURPOSE));
	}

}
