package io.keyward.gateway.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.api.SerialNumbers;

/**
 * A TLS server certificate with its private key, as the HTTPS listener serves it.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 * @param hostNames the names it was requested for
 * @param provisional a self-signed stand-in used only while the CA cannot be reached; the
 * next check replaces it
 */
record TlsCredential(X509Certificate certificate, PrivateKey privateKey, List<String> hostNames, boolean provisional) {

	String serialNumber() {
		return SerialNumbers.key(this.certificate.getSerialNumber());
	}

	@Override
	public String toString() {
		return "serial=" + SerialNumbers.hex(this.certificate.getSerialNumber()) + " notAfter="
				+ this.certificate.getNotAfter().toInstant() + " hostNames=" + String.join(",", this.hostNames)
				+ " provisional=" + this.provisional;
	}

}
