package io.keyward.ca.authority;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored CA: its certificate and its PKCS#8 private key sealed under the key-encryption
 * key. Rows are inserted only through {@link CaRecordRepository#insertIfAbsent} and never
 * updated.
 */
@Entity
@Table(name = "certificate_authority")
class CaRecord {

	@Id
	private Long id;

	private String name;

	private String subject;

	@Column(name = "key_algorithm")
	private String keyAlgorithm;

	@Column(name = "certificate_der")
	private byte[] certificateDer;

	@Column(name = "certificate_pem")
	private String certificatePem;

	@Column(name = "sealed_private_key")
	private byte[] sealedPrivateKey;

	@Column(name = "not_before")
	private Instant notBefore;

	@Column(name = "not_after")
	private Instant notAfter;

	@Column(name = "created_at")
	private Instant createdAt;

	protected CaRecord() {
	}

	String name() {
		return this.name;
	}

	String keyAlgorithm() {
		return this.keyAlgorithm;
	}

	String subject() {
		return this.subject;
	}

	byte[] certificateDer() {
		return this.certificateDer;
	}

	byte[] sealedPrivateKey() {
		return this.sealedPrivateKey;
	}

}
