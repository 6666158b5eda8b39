package io.keyward.ca.authority;

import java.security.SecureRandom;
import java.time.Clock;

import io.keyward.sealing.KeyEncryptionKey;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthorityConfiguration {

	@Bean
	SerialNumbers serialNumbers() {
		return new SerialNumbers(new SecureRandom());
	}

	@Bean
	KeyEncryptionKey keyEncryptionKey(KeyStorageProperties storage) {
		return KeyEncryptionKey.load(storage.kek(), storage.dataDir());
	}

	@Bean
	CaKeyStore caKeyStore(CaRecordRepository repository, KeyEncryptionKey kek, Clock clock, SerialNumbers serials) {
		return new CaKeyStore(repository, kek, clock, serials);
	}

	@Bean
	BuiltInCertificateAuthority certificateAuthority(CaKeyStore store, CaProperties settings,
			RevocationProperties revocation) {
		return store.loadOrCreate(settings, revocation);
	}

	@Bean
	OcspSigners ocspSigners(BuiltInCertificateAuthority authority, JdbcClient jdbc, KeyEncryptionKey kek, Clock clock,
			RevocationProperties revocation) {
		return new OcspSigners(authority, jdbc, kek, clock, revocation.ocsp());
	}

}
