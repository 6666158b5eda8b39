package io.keyward.ca.authority;

import java.security.SecureRandom;
import java.time.Clock;

import io.keyward.sealing.KeyEncryptionKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
	CaGenerations caGenerations(BuiltInCertificateAuthority certificateAuthority, CaKeyStore store, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, KeyEncryptionKey kek, Clock clock, SerialNumbers serials,
			CaProperties settings, RevocationProperties revocation) {
		return new CaGenerations(certificateAuthority, store, jdbc, new TransactionTemplate(transactionManager), kek,
				clock, serials, settings, revocation);
	}

	@Bean
	CaRollover caRollover(CaGenerations generations, Clock clock) {
		return new CaRollover(generations, clock);
	}

	/**
	 * What issuance signs with: the generation active now. The CRL and the OCSP responder
	 * serve every generation ({@link RevocationIssuers}).
	 */
	@Bean
	@Primary
	CertificateAuthority issuingAuthority(CaRollover rollover) {
		return new IssuingAuthority(rollover);
	}

	@Bean
	OcspSigners ocspSigners(BuiltInCertificateAuthority authority, JdbcClient jdbc, KeyEncryptionKey kek, Clock clock,
			RevocationProperties revocation) {
		return new OcspSigners(authority, jdbc, kek, clock, revocation.ocsp());
	}

	@Bean
	RevocationIssuers revocationIssuers(CaRollover rollover, OcspSigners ocspSigners, JdbcClient jdbc,
			KeyEncryptionKey kek, Clock clock, RevocationProperties revocation) {
		return new RevocationIssuers(rollover, ocspSigners, jdbc, kek, clock, revocation.ocsp());
	}

}
