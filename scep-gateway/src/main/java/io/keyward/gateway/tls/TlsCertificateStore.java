package io.keyward.gateway.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.keyward.sealing.KeyEncryptionKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The self-issued TLS certificate in {@code tls_certificate}, its private key sealed with
 * the key-encryption key (bound to the purpose {@code tls:server}, so it cannot pass for
 * an RA key). Gateways configured for the same host names serve the same CURRENT row;
 * whoever stores a new one takes an advisory lock first, so gateways starting together
 * ask the CA once.
 */
@Component
class TlsCertificateStore {

	/** Arbitrary constant naming the "issue the TLS certificate" advisory lock. */
	private static final long ADVISORY_LOCK = 0x6B65797761726402L;

	private static final String SEALING_PURPOSE = "tls:server";

	private final JdbcClient jdbc;

	private final KeyEncryptionKey keyEncryptionKey;

	private final Clock clock;

	TlsCertificateStore(JdbcClient jdbc, KeyEncryptionKey keyEncryptionKey, Clock clock) {
		this.jdbc = jdbc;
		this.keyEncryptionKey = keyEncryptionKey;
		this.clock = clock;
	}

	/** Take the lock for the current database transaction. */
	void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(" + ADVISORY_LOCK + ")").query().singleRow();
	}

	/**
	 * @param hostNames the names the certificate is for
	 * @return the CURRENT certificate for exactly these names
	 */
	Optional<TlsCredential> current(List<String> hostNames) {
		return this.jdbc
			.sql("select host_names, certificate, sealed_private_key from tls_certificate "
					+ "where state = 'CURRENT' and host_names = ?")
			.param(key(hostNames))
			.query(this::credential)
			.optional();
	}

	/** Retire the CURRENT row for the same names, if any, and store {@code issued}. */
	void replace(TlsCredential issued) {
		this.jdbc.sql("update tls_certificate set state = 'RETIRED' where state = 'CURRENT' and host_names = ?")
			.param(key(issued.hostNames()))
			.update();
		byte[] pkcs8 = issued.privateKey().getEncoded();
		try {
			X509Certificate certificate = issued.certificate();
			this.jdbc
				.sql("insert into tls_certificate (id, host_names, certificate, sealed_private_key, serial_number, "
						+ "not_after, created_at, state) values (?, ?, ?, ?, ?, ?, ?, 'CURRENT')")
				.params(UUID.randomUUID(), key(issued.hostNames()), certificate.getEncoded(),
						this.keyEncryptionKey.seal(pkcs8, SEALING_PURPOSE), issued.serialNumber(),
						Timestamp.from(certificate.getNotAfter().toInstant()), Timestamp.from(this.clock.instant()))
				.update();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encode the TLS certificate", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	private static String key(List<String> hostNames) {
		return String.join(",", hostNames);
	}

	private TlsCredential credential(ResultSet row, int index) throws SQLException {
		byte[] pkcs8 = this.keyEncryptionKey.open(row.getBytes("sealed_private_key"), SEALING_PURPOSE);
		try {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(row.getBytes("certificate")));
			PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new TlsCredential(certificate, key, List.of(row.getString("host_names").split(",")), false);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the stored TLS certificate or key cannot be parsed", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

}
