package io.keyward.gateway.ra;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.scep.RecipientKey;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the RA key pairs from {@code ra_key}, creating the missing ones. Creation (and
 * {@link RaRollover renewal}) runs under a PostgreSQL advisory lock so that gateways
 * starting together ask the CA once; the unique index on the CURRENT pair per
 * {@code purpose} is the backstop: a gateway that loses the insert reloads the winner's
 * pair.
 */
@Component
class RaKeyStore {

	/** Arbitrary constant naming the "create RA keys" advisory lock. */
	private static final long ADVISORY_LOCK = 0x6B65797761726401L;

	private final RaKeyRepository repository;

	private final RaCertificateIssuer issuer;

	private final KeyEncryptionKey keyEncryptionKey;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	RaKeyStore(RaKeyRepository repository, RaCertificateIssuer issuer, KeyEncryptionKey keyEncryptionKey,
			TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock) {
		this.repository = repository;
		this.issuer = issuer;
		this.keyEncryptionKey = keyEncryptionKey;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return both RA key pairs, created at the CA when absent
	 * @throws RuntimeException when the CA cannot be reached or refuses
	 */
	RaCredentials loadOrCreate() {
		Optional<RaCredentials> existing = this.transactions.execute((status) -> load());
		if (existing != null && existing.isPresent()) {
			return existing.get();
		}
		try {
			return this.transactions.execute((status) -> {
				lock();
				for (RaKeyPurpose purpose : RaKeyPurpose.values()) {
					if (current(purpose).isEmpty()) {
						store(purpose, this.issuer.issue(purpose));
					}
				}
				return load().orElseThrow();
			});
		}
		catch (DataIntegrityViolationException ex) {
			// another gateway (not sharing our advisory lock, e.g. a different database
			// role) stored a pair first: use theirs
			return this.transactions.execute((status) -> load())
				.orElseThrow(() -> new IllegalStateException("RA keys vanished after a conflicting insert"));
		}
	}

	/**
	 * Take the "create or renew RA keys" lock for the current database transaction.
	 */
	void lock() {
		this.jdbc.execute("select pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
	}

	Optional<RaKey> current(RaKeyPurpose purpose) {
		return this.repository.findByPurposeAndState(purpose.column(), RaKey.CURRENT);
	}

	/**
	 * @return the CURRENT and PREVIOUS rows with their certificates, current first
	 */
	Map<RaKey, X509Certificate> listed() {
		Map<RaKey, X509Certificate> listed = new LinkedHashMap<>();
		for (String state : List.of(RaKey.CURRENT, RaKey.PREVIOUS)) {
			for (RaKey row : this.repository.findByStateOrderByPurposeAscCreatedAtDesc(state)) {
				listed.put(row, certificate(row));
			}
		}
		return listed;
	}

	void store(RaKeyPurpose purpose, RaCertificateIssuer.IssuedKeyPair issued) {
		X509Certificate certificate = issued.certificate();
		byte[] pkcs8 = issued.keyPair().getPrivate().getEncoded();
		try {
			this.repository.saveAndFlush(new RaKey(purpose, certificate.getEncoded(),
					this.keyEncryptionKey.seal(pkcs8, purpose.sealingPurpose()),
					SerialNumbers.key(certificate.getSerialNumber()), certificate.getNotAfter().toInstant(),
					this.clock.instant()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encode the RA certificate", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	private Optional<RaCredentials> load() {
		Map<RaKeyPurpose, RaKey> rows = new EnumMap<>(RaKeyPurpose.class);
		for (RaKeyPurpose purpose : RaKeyPurpose.values()) {
			current(purpose).ifPresent((row) -> rows.put(purpose, row));
		}
		if (rows.size() != RaKeyPurpose.values().length) {
			return Optional.empty();
		}
		RaKey signing = rows.get(RaKeyPurpose.SIGNING);
		RaKey encryption = rows.get(RaKeyPurpose.ENCRYPTION);
		return Optional.of(new RaCredentials(certificate(signing), privateKey(signing, RaKeyPurpose.SIGNING),
				certificate(encryption), privateKey(encryption, RaKeyPurpose.ENCRYPTION), previousRecipients()));
	}

	/** Renewed encryption keys whose certificates a device may still envelope to. */
	private List<RecipientKey> previousRecipients() {
		Instant now = this.clock.instant();
		List<RecipientKey> previous = new ArrayList<>();
		for (RaKey row : this.repository.findByStateOrderByPurposeAscCreatedAtDesc(RaKey.PREVIOUS)) {
			if (row.purpose().equals(RaKeyPurpose.ENCRYPTION.column()) && row.notAfter().isAfter(now)) {
				previous.add(new RecipientKey(certificate(row), privateKey(row, RaKeyPurpose.ENCRYPTION)));
			}
		}
		return previous;
	}

	private static X509Certificate certificate(RaKey row) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(row.certificate()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored RA certificate '" + row.purpose() + "' cannot be parsed", ex);
		}
	}

	private PrivateKey privateKey(RaKey row, RaKeyPurpose purpose) {
		byte[] pkcs8 = this.keyEncryptionKey.open(row.sealedPrivateKey(), purpose.sealingPurpose());
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored RA key '" + row.purpose() + "' cannot be parsed", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

}
