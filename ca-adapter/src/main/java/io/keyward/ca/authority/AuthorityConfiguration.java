package io.keyward.ca.authority;

import java.security.SecureRandom;
import java.time.Clock;

import io.keyward.api.secret.KeyEncryptionKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthorityConfiguration {

	@Bean
	SerialNumbers serialNumbers() {
		return new SerialNumbers(new SecureRandom());
	}

	@Bean
	CaKeyStore caKeyStore(CaRecordRepository repository, KeyStorageProperties storage, Clock clock,
			SerialNumbers serials) {
		return new CaKeyStore(repository, KeyEncryptionKey.load(storage.kek(), storage.dataDir()), clock, serials);
	}

	@Bean
	CertificateAuthority certificateAuthority(CaKeyStore store, CaProperties settings) {
		return store.loadOrCreate(settings);
	}

}
