package io.keyward.api.gateway;

import java.time.Instant;

/**
 * The certificate the gateway's HTTPS listener serves now, self-issued or the operator's:
 * once it expires no device completes a TLS handshake.
 *
 * @param serialNumber upper-case hex serial number
 * @param subject subject DN
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record TlsCertificate(String serialNumber, String subject, Instant notBefore, Instant notAfter) {
}
