package io.keyward.api.ca;

/**
 * A SCEP pkcsPKIEnvelope addressed to a CA certificate, for the ca-adapter to open (RFC
 * 8894 section 2.2: a client that knows only the CA encrypts to the CA).
 *
 * @param envelope base64 of the DER CMS EnvelopedData (RFC 5652 section 6)
 */
public record ScepEnvelope(String envelope) {
}
