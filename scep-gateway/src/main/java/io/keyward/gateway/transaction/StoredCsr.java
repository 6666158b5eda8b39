package io.keyward.gateway.transaction;

import io.keyward.sealing.KeyEncryptionKey;

import org.springframework.stereotype.Component;

/**
 * The PKCS#10 request as the transaction log keeps it: sealed under the key-encryption
 * key (AES-256-GCM). A PKCSReq's CSR carries the challengePassword (RFC 2985 section
 * 5.4.1) in clear, and the finisher needs the whole signed request to redeem the
 * challenge and ask the CA again after an outage; sealing keeps both true without the
 * challenge ever reaching the database, its files or its write-ahead log in clear.
 */
@Component
public class StoredCsr {

	/** Bound into every sealed CSR, so no other sealed blob passes for one. */
	static final String PURPOSE = "gateway:transaction-csr";

	private final KeyEncryptionKey key;

	StoredCsr(KeyEncryptionKey key) {
		this.key = key;
	}

	/**
	 * @param der the request as received, null when there is none
	 * @return what the {@code csr} column stores
	 */
	byte[] seal(byte[] der) {
		return (der != null) ? this.key.seal(der, PURPOSE) : null;
	}

	/**
	 * @param stored the {@code csr} column, null when the row has none
	 * @return the request as received
	 */
	byte[] open(byte[] stored) {
		return (stored != null) ? this.key.open(stored, PURPOSE) : null;
	}

}
