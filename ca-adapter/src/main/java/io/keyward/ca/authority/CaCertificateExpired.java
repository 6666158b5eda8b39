package io.keyward.ca.authority;

import java.time.Instant;

/**
 * The CA certificate expired, so nothing it signs would validate (RFC 5280 section
 * 6.1.3). Not the caller's mistake and not transient either: issuance stays impossible
 * until an admin switches to a new CA, so the REST API answers 503 with this message.
 */
public final class CaCertificateExpired extends RuntimeException {

	private final String caName;

	CaCertificateExpired(String caName, Instant notAfter) {
		super("the CA certificate expired at " + notAfter + "; switch to a new CA before issuing again", null, false,
				false);
		this.caName = caName;
	}

	/**
	 * @return the expired CA's name
	 */
	public String caName() {
		return this.caName;
	}

}
