package io.keyward.edge.pem;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Reads one certificate (DER or PEM) without adding it to the JDK's certificate cache.
 * <p>
 * {@link CertificateFactory#generateCertificate} of the JDK's provider keeps the last 750
 * certificates it parsed, held by soft references
 * ({@code sun.security.provider.X509Factory}). An enrollment parses two certificates
 * nobody parses again (the device's self-signed signer and the one issued to it), so at a
 * few hundred enrollments a second that cache held 3-4 MB of certificates for two to
 * three seconds each: the bulk of what every young collection copied, twice or three
 * times, before the cache let it go (docs/performance.md, "Young collections and the
 * JDK's certificate cache"). {@link CertificateFactory#generateCertificates} reads the
 * same encodings into the same JDK certificate class without caching them.
 * (scep-protocol's {@code PkiMessage} reads the signer certificate the same way: that
 * module depends on no Keyward module.)
 */
public final class Certificates {

	private Certificates() {
	}

	/**
	 * @param encoded one DER or PEM certificate
	 * @return the certificate
	 * @throws CertificateException when the bytes hold no certificate, or more than one
	 */
	public static X509Certificate read(byte[] encoded) throws CertificateException {
		Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(encoded));
		if (read.size() != 1 || !(read.iterator().next() instanceof X509Certificate certificate)) {
			throw new CertificateException("expected one X.509 certificate, read " + read.size());
		}
		return certificate;
	}

}
