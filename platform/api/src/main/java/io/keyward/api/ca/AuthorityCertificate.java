package io.keyward.api.ca;

import java.time.Instant;

/**
 * A certificate the ca-adapter signs with: a CA, or the delegated OCSP signer of a CA
 * (RFC 6960 section 4.2.2.2).
 *
 * @param role {@code CA} or {@code OCSP_SIGNER}
 * @param name the CA's name (for an OCSP signer: the CA it answers for)
 * @param subject RFC 4514 subject DN
 * @param serialNumber upper-case hex, no separators
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param certificatePem the certificate, PEM
 */
public record AuthorityCertificate(String role, String name, String subject, String serialNumber, Instant notBefore,
		Instant notAfter, String certificatePem) {

	public static final String CA = "CA";

	public static final String OCSP_SIGNER = "OCSP_SIGNER";

}
