package io.keyward.gateway.ra;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One stored RA key pair: the certificate the CA issued and the private key sealed under
 * the key-encryption key.
 */
@Entity
@Table(name = "ra_key")
class RaKey {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String purpose;

	@Column(nullable = false)
	private byte[] certificate;

	@Column(name = "sealed_private_key", nullable = false)
	private byte[] sealedPrivateKey;

	@Column(name = "serial_number", nullable = false)
	private String serialNumber;

	@Column(name = "not_after", nullable = false)
	private Instant notAfter;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private String state;

	protected RaKey() {
	}

	RaKey(RaKeyPurpose purpose, byte[] certificate, byte[] sealedPrivateKey, String serialNumber, Instant notAfter,
			Instant createdAt) {
		this.id = UUID.randomUUID();
		this.purpose = purpose.column();
		this.certificate = certificate;
		this.sealedPrivateKey = sealedPrivateKey;
		this.serialNumber = serialNumber;
		this.notAfter = notAfter;
		this.createdAt = createdAt;
		this.state = CURRENT;
	}

	/** Served by GetCACert, signs and decrypts. */
	static final String CURRENT = "CURRENT";

	/** Renewed; the encryption key still decrypts until the certificate expires. */
	static final String PREVIOUS = "PREVIOUS";

	/** Expired after its renewal; kept as a record only. */
	static final String RETIRED = "RETIRED";

	String state() {
		return this.state;
	}

	void state(String state) {
		this.state = state;
	}

	Instant notAfter() {
		return this.notAfter;
	}

	String serialNumber() {
		return this.serialNumber;
	}

	String purpose() {
		return this.purpose;
	}

	byte[] certificate() {
		return this.certificate;
	}

	byte[] sealedPrivateKey() {
		return this.sealedPrivateKey;
	}

}
