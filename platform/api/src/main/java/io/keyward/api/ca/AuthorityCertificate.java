package io.keyward.api.ca;

import java.time.Instant;

/**
 * A certificate the CA itself works with.
 *
 * @param role {@code CA} or {@code OCSP_SIGNER}
 * @param name the CA's name
 * @param subject RFC 4514 subject DN
 * @param serialNumber upper-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param certificatePem the certificate, PEM
 */
public record AuthorityCertificate(String role, String name, String subject, String serialNumber, Instant notBefore,
		Instant notAfter, String certificatePem) {
}
