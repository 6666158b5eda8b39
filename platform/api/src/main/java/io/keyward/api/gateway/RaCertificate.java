package io.keyward.api.gateway;

import java.time.Instant;

/**
 * One of the gateway's RA certificates (RFC 8894 section 2.1.2).
 *
 * @param purpose {@code signing} (signs CertReps) or {@code encryption} (devices envelope
 * their requests to it)
 * @param state {@code CURRENT} (served by GetCACert) or {@code PREVIOUS} (renewed; its
 * key still decrypts requests enveloped to it until it expires)
 * @param serialNumber upper-case hex serial number
 * @param subject subject DN
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record RaCertificate(String purpose, String state, String serialNumber, String subject, Instant notBefore,
		Instant notAfter) {
}
