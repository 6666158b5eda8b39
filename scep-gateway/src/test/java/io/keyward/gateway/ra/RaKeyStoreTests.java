package io.keyward.gateway.ra;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RA key pairs: stored sealed, reloaded on restart, created once by concurrently starting
 * gateways.
 */
class RaKeyStoreTests extends AbstractGatewayTests {

	@Autowired
	private RaKeyRepository repository;

	@Autowired
	private RaCertificateIssuer issuer;

	@Autowired
	private KeyEncryptionKey keyEncryptionKey;

	@Autowired
	private TransactionTemplate transactions;

	private RaKeyStore newGatewayInstance() {
		return new RaKeyStore(this.repository, this.issuer, this.keyEncryptionKey, this.transactions, this.jdbc,
				Clock.systemUTC());
	}

	@Test
	void whenRestartedThenSameRaKeysLoaded() {
		RaCredentials running = ra();
		RaCredentials restarted = newGatewayInstance().loadOrCreate();
		assertThat(restarted.signingCertificate()).isEqualTo(running.signingCertificate());
		assertThat(restarted.encryptionCertificate()).isEqualTo(running.encryptionCertificate());
		assertThat(restarted.signingKey()).isEqualTo(running.signingKey());
	}

	@Test
	void whenPrivateKeyStoredThenSealedNotPlain() {
		RaKey row = this.repository.findByPurposeAndState("signing", RaKey.CURRENT).orElseThrow();
		byte[] pkcs8 = ra().signingKey().getEncoded();
		assertThat(row.sealedPrivateKey()).isNotEqualTo(pkcs8);
		assertThat(this.keyEncryptionKey.open(row.sealedPrivateKey(), "ra:signing")).isEqualTo(pkcs8);
	}

	@Test
	void whenTwoGatewaysCreateConcurrentlyThenTheyConvergeOnOnePair() throws Exception {
		List<RaKey> original = this.repository.findAll();
		// not the common pool: on two cores it has one thread, which the HTTP client
		// needs
		ExecutorService gateways = Executors.newFixedThreadPool(2);
		try {
			this.transactions.executeWithoutResult((status) -> this.repository.deleteAllInBatch());
			int signingBefore = upstreams.issuedWithTemplate("ra-signing");
			CompletableFuture<RaCredentials> first = CompletableFuture
				.supplyAsync(() -> newGatewayInstance().loadOrCreate(), gateways);
			CompletableFuture<RaCredentials> second = CompletableFuture
				.supplyAsync(() -> newGatewayInstance().loadOrCreate(), gateways);
			RaCredentials a = first.get();
			RaCredentials b = second.get();
			assertThat(a.signingCertificate()).isEqualTo(b.signingCertificate());
			assertThat(a.encryptionCertificate()).isEqualTo(b.encryptionCertificate());
			assertThat(upstreams.issuedWithTemplate("ra-signing")).isEqualTo(signingBefore + 1);
			assertThat(this.repository.count()).isEqualTo(2);
		}
		finally {
			gateways.shutdownNow();
			this.transactions.executeWithoutResult((status) -> {
				this.repository.deleteAllInBatch();
				this.repository.saveAll(original);
			});
		}
	}

	@Test
	void whenCaUnreachableAtStartThenRaKeysCreatedOnFirstNeed() {
		List<RaKey> original = this.repository.findAll();
		try {
			this.transactions.executeWithoutResult((status) -> this.repository.deleteAllInBatch());
			RaKeys keys = new RaKeys(newGatewayInstance());
			upstreams.raIssuanceDown = true;
			keys.onReady();
			assertThatExceptionOfType(RaKeysUnavailableException.class).isThrownBy(keys::current);
			assertThat(this.repository.count()).isZero();
			assertThat(new RaKeysHealthIndicator(keys, Clock.systemUTC()).health().getStatus().getCode())
				.as("readiness while the RA keys cannot be opened or created")
				.isEqualTo("DOWN");
			upstreams.raIssuanceDown = false;
			RaCredentials created = keys.current();
			assertThat(created.signingCertificate().getSubjectX500Principal().getName())
				.isEqualTo("CN=Keyward RA Signing,O=Keyward");
			assertThat(this.repository.count()).isEqualTo(2);
		}
		finally {
			this.transactions.executeWithoutResult((status) -> {
				this.repository.deleteAllInBatch();
				this.repository.saveAll(original);
			});
		}
	}

	@Test
	void whenTheKeyEncryptionKeyIsWrongThenReadinessIsDownAndTheStoredKeysAreKept() {
		ra();
		List<RaKey> original = this.repository.findAll();
		// a gateway started with another KEK than the one the RA keys were sealed with
		KeyEncryptionKey wrong = KeyEncryptionKey.of("HxwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgEAAAA=");
		RaKeys keys = new RaKeys(
				new RaKeyStore(this.repository, this.issuer, wrong, this.transactions, this.jdbc, Clock.systemUTC()));
		int signingBefore = upstreams.issuedWithTemplate("ra-signing");

		keys.onReady();

		assertThatExceptionOfType(RaKeysUnavailableException.class).isThrownBy(keys::current);
		assertThat(new RaKeysHealthIndicator(keys, Clock.systemUTC()).health().getStatus().getCode())
			.as("readiness while the RA keys cannot be opened")
			.isEqualTo("DOWN");
		assertThat(this.repository.findAll()).as("the sealed keys are neither replaced nor re-created")
			.usingRecursiveFieldByFieldElementComparator()
			.containsExactlyInAnyOrderElementsOf(original);
		assertThat(upstreams.issuedWithTemplate("ra-signing")).isEqualTo(signingBefore);
	}

}
