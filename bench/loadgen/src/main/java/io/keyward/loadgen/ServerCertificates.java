package io.keyward.loadgen;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.keyward.scep.CaCapability;

/**
 * What GetCACaps and GetCACert told us, fetched once per run. The RA certificates are
 * chosen by key usage as real clients do (RFC 8894 section 3.5.1: with an RA, GetCACert
 * answers the CA and RA certificates; micromdm answers the CA certificate alone and uses
 * it for both roles).
 *
 * @param capabilities the parsed GetCACaps answer
 * @param chain every certificate GetCACert returned
 * @param encryption the certificate requests are enveloped to (keyEncipherment)
 * @param signing the certificate CertReps are signed with (digitalSignature)
 */
record ServerCertificates(Set<CaCapability> capabilities, List<X509Certificate> chain, X509Certificate encryption,
		X509Certificate signing) {

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_ENCIPHERMENT = 2;

	static ServerCertificates of(String caps, byte[] caCertBody) throws CertificateException {
		List<X509Certificate> chain = parse(caCertBody);
		if (chain.isEmpty()) {
			throw new CertificateException("GetCACert returned no certificate");
		}
		List<X509Certificate> candidates = chain.stream().filter((c) -> c.getBasicConstraints() < 0).toList();
		if (candidates.isEmpty()) {
			candidates = chain;
		}
		X509Certificate encryption = pick(candidates, KEY_ENCIPHERMENT);
		X509Certificate signing = pick(candidates, DIGITAL_SIGNATURE);
		return new ServerCertificates(CaCapability.parse(caps), chain, encryption, signing);
	}

	/**
	 * A single DER certificate (application/x-x509-ca-cert) or a degenerate PKCS#7
	 * (application/x-x509-ca-ra-cert): the JDK's factory reads both.
	 */
	static List<X509Certificate> parse(byte[] body) throws CertificateException {
		return CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(body))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
	}

	// a certificate that states the usage first, then one without a keyUsage extension
	private static X509Certificate pick(List<X509Certificate> candidates, int bit) {
		Predicate<X509Certificate> states = (c) -> c.getKeyUsage() != null && c.getKeyUsage().length > bit
				&& c.getKeyUsage()[bit];
		return candidates.stream()
			.filter(states)
			.findFirst()
			.or(() -> candidates.stream().filter((c) -> c.getKeyUsage() == null).findFirst())
			.orElse(candidates.get(0));
	}

}
