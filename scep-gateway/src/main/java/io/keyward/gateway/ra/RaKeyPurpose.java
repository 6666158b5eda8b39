package io.keyward.gateway.ra;

/**
 * The two RA certificates, as NDES has them (protocol brief section 5.4): clients pick
 * the envelope recipient by keyEncipherment and verify the CertRep signer by
 * digitalSignature (RFC 8894 section 2.1.2).
 */
enum RaKeyPurpose {

	/** Signs CertReps; NDES "Exchange Enrollment Agent (Offline request)". */
	SIGNING("signing", "ra-signing", "CN=Keyward RA Signing,O=Keyward"),

	/** Decrypts pkcsPKIEnvelopes; NDES "CEP Encryption". */
	ENCRYPTION("encryption", "ra-encryption", "CN=Keyward RA Encryption,O=Keyward");

	private final String column;

	private final String template;

	private final String subject;

	RaKeyPurpose(String column, String template, String subject) {
		this.column = column;
		this.template = template;
		this.subject = subject;
	}

	/** Value of {@code ra_key.purpose}. */
	String column() {
		return this.column;
	}

	/** The ca-adapter template that gives the certificate its key usage. */
	String template() {
		return this.template;
	}

	String subject() {
		return this.subject;
	}

	/**
	 * Bound into the sealed private key so one purpose's key cannot pass for another's.
	 */
	String sealingPurpose() {
		return "ra:" + this.column;
	}

}
