package io.keyward.ca.template;

import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Key usages a template may grant an end-entity certificate (RFC 5280 section 4.2.1.3).
 * keyCertSign and cRLSign are deliberately absent: templates issue end-entity
 * certificates only.
 */
public enum KeyUsageName {

	DIGITAL_SIGNATURE(KeyUsage.digitalSignature),

	NON_REPUDIATION(KeyUsage.nonRepudiation),

	KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),

	DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),

	KEY_AGREEMENT(KeyUsage.keyAgreement);

	private final int bit;

	KeyUsageName(int bit) {
		this.bit = bit;
	}

	int bit() {
		return this.bit;
	}

	/**
	 * RFC 5480 section 3: an id-ecPublicKey certificate may assert digitalSignature,
	 * nonRepudiation and keyAgreement, not the encipherment usages that only make sense
	 * for RSA key transport.
	 */
	boolean allowedForEcKeys() {
		return this != KEY_ENCIPHERMENT && this != DATA_ENCIPHERMENT;
	}

}
