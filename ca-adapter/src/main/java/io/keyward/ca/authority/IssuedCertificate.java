package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * A certificate a {@link CertificateAuthority} signed (not yet recorded).
 *
 * @param certificate the signed certificate
 */
public record IssuedCertificate(X509Certificate certificate) {

	/**
	 * @return the serial number as upper-case hex without leading zeros
	 */
	public String serialHex() {
		return this.certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
	}

	public String pem() {
		return Pem.certificate(this.certificate);
	}

}
