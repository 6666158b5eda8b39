package io.keyward.edge.pem;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Reads the PEM certificates the ca-adapter's API carries
 * ({@code IssuedCertificate.certificatePem()}, {@code CaCertificates.chainPem()},
 * {@code AuthorityCertificate.certificatePem()} in io.keyward.api.ca): the one place
 * every service turns them back into certificates.
 */
public final class CertificatePem {

	private CertificatePem() {
	}

	/**
	 * @param pem one PEM certificate
	 * @return the certificate
	 * @throws IllegalStateException when the text holds no readable certificate: these
	 * come from a Keyward service, so that is an internal error, not a caller's mistake
	 */
	public static X509Certificate parse(String pem) {
		if (pem == null) {
			throw new IllegalStateException("no PEM certificate from the ca-adapter");
		}
		try {
			return Certificates.read(pem.getBytes(StandardCharsets.US_ASCII));
		}
		catch (CertificateException | RuntimeException ex) {
			throw new IllegalStateException("unreadable PEM certificate from the ca-adapter", ex);
		}
	}

}
