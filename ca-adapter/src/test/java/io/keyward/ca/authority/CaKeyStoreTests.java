package io.keyward.ca.authority;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.ca.CaAdapterTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The CA survives restarts: what one start creates, the next one loads, provided it has
 * the same key-encryption key.
 */
@CaAdapterTest
class CaKeyStoreTests {

	private static final KeyEncryptionKey KEK = KeyEncryptionKey.of(CaAdapterTest.KEK);

	private static final KeyEncryptionKey OTHER_KEK = KeyEncryptionKey
		.of("ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");

	@Autowired
	CaRecordRepository repository;

	@Autowired
	CertificateAuthority applicationAuthority;

	@Autowired
	CaProperties applicationSettings;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	private CaKeyStore store(KeyEncryptionKey kek) {
		return new CaKeyStore(this.repository, kek, this.clock, new SerialNumbers(new SecureRandom()));
	}

	private static CaProperties settings(String name, CaKeyAlgorithm algorithm) {
		return new CaProperties(name, algorithm, "CN=Test CA " + name + ",O=Keyward Tests", Period.ofYears(5));
	}

	@Test
	void whenLoadedAgainWithTheSameKekThenTheSameCaComesBack() throws Exception {
		CaProperties settings = settings("restart-" + UUID.randomUUID(), CaKeyAlgorithm.EC_P256);
		BuiltInCertificateAuthority created = store(KEK).loadOrCreate(settings);

		BuiltInCertificateAuthority reloaded = store(KEK).loadOrCreate(settings);

		assertThat(reloaded.certificate()).isEqualTo(created.certificate());
		assertThat(rows(settings.name())).isEqualTo(1);
	}

	@Test
	void whenTheApplicationRestartsThenItsCaIsLoadedNotRecreated() {
		BuiltInCertificateAuthority reloaded = store(KEK).loadOrCreate(this.applicationSettings);

		assertThat(reloaded.chain()).isEqualTo(this.applicationAuthority.chain());
	}

	@Test
	void whenTheKekIsWrongThenLoadingFailsClearly() {
		CaProperties settings = settings("wrong-kek-" + UUID.randomUUID(), CaKeyAlgorithm.EC_P256);
		store(KEK).loadOrCreate(settings);

		assertThatIllegalStateException().isThrownBy(() -> store(OTHER_KEK).loadOrCreate(settings))
			.withMessageContaining("cannot open the private key of CA '" + settings.name() + "'")
			.withMessageContaining("key-encryption key");
	}

	@Test
	void whenStoredThenThePrivateKeyIsSealedNeverPlain() throws Exception {
		String name = this.applicationSettings.name();
		byte[] sealed = this.jdbc.queryForObject(
				"select sealed_private_key from ca.certificate_authority where name = ?", byte[].class, name);

		byte[] pkcs8 = KEK.open(sealed, "ca:" + name);

		assertThat(sealed).isNotEqualTo(pkcs8);
		assertThat(indexOf(sealed, Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length))).isEqualTo(-1);
		assertThatIllegalStateException().isThrownBy(() -> KEK.open(sealed, "ca:another-name"));
		X509Certificate certificate = this.applicationAuthority.chain().get(0);
		String keyType = certificate.getPublicKey().getAlgorithm();
		PrivateKey key = KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		Signature signature = Signature.getInstance(keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
		signature.initSign(key);
		signature.update(new byte[] { 42 });
		byte[] signed = signature.sign();
		signature.initVerify(certificate.getPublicKey());
		signature.update(new byte[] { 42 });
		assertThat(signature.verify(signed)).isTrue();
	}

	@Test
	void whenTwoInstancesCreateTheCaAtOnceThenOneCaExists() throws Exception {
		CaProperties settings = settings("race-" + UUID.randomUUID(), CaKeyAlgorithm.EC_P256);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<BuiltInCertificateAuthority>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return store(KEK).loadOrCreate(settings);
				}));
			}
			start.countDown();

			assertThat(results.get(0).get().certificate()).isEqualTo(results.get(1).get().certificate());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rows(settings.name())).isEqualTo(1);
	}

	private long rows(String name) {
		return this.jdbc.queryForObject("select count(*) from ca.certificate_authority where name = ?", Long.class,
				name);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
