package io.keyward.api.gateway;

import java.time.Instant;

/**
 * An RA certificate of the gateway (RFC 8894 section 2.1.2).
 *
 * @param purpose {@code SIGNING} or {@code ENCRYPTION}
 * @param state {@code CURRENT} or {@code PREVIOUS}
 * @param serialNumber upper-case hex
 * @param subject RFC 4514 subject DN
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record RaCertificate(String purpose, String state, String serialNumber, String subject, Instant notBefore,
		Instant notAfter) {
}
