package io.keyward.ca.authority;

import java.security.cert.X509Certificate;

/**
 * A certificate a {@link CertificateAuthority} signed (not yet recorded).
 *
 * @param certificate the signed certificate
 * @param caName the name of the CA generation that signed it (its CRL issuer)
 */
public record IssuedCertificate(X509Certificate certificate, String caName) {

	/**
	 * @return the serial number as upper-case hex without leading zeros
	 */
	public String serialHex() {
		return io.keyward.api.SerialNumbers.key(this.certificate.getSerialNumber());
	}

	public String pem() {
		return Pem.certificate(this.certificate);
	}

}
