package io.keyward.api.ca;

/**
 * A CertRep signed with a CA key.
 *
 * @param certRep base64 of the DER SignedData, as the gateway sends it to the device
 */
public record SignedCertRep(String certRep) {
}
