package io.keyward.challenge.ndes;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.challenge.ca.CaAdapterProperties;
import io.keyward.edge.fingerprint.NdesThumbprint;
import io.keyward.edge.pem.CertificatePem;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The thumbprint NDES prints on its page: the MD5 of the issuing CA certificate's DER, in
 * upper-case hex as 4 groups of 8 (protocol brief section 5.2; MDMs compare it with the
 * CA certificate GetCACert returns, RFC 8894 section 4.2.1). Read from the ca-adapter and
 * kept for {@code keyward.challenge.ca.cache}; when the ca-adapter cannot be reached the
 * last thumbprint read is shown until a read succeeds again.
 */
@Component
class CaThumbprint {

	private static final Logger log = LoggerFactory.getLogger(CaThumbprint.class);

	private final CertificateAuthorityClient ca;

	private final CaAdapterProperties properties;

	private final Clock clock;

	private final AtomicReference<@Nullable Read> last = new AtomicReference<>();

	CaThumbprint(CertificateAuthorityClient ca, CaAdapterProperties properties, Clock clock) {
		this.ca = ca;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return for example {@code A656FA66 AB12B433 A2DA5CF7 CC153D9A}
	 * @throws CaUnavailableException when no CA certificate was ever read
	 */
	String current() {
		Instant now = this.clock.instant();
		Read read = this.last.get();
		// a clock stepped back does not extend the cache
		if (read != null && !now.isBefore(read.at()) && now.isBefore(read.at().plus(this.properties.cache()))) {
			return read.thumbprint();
		}
		try {
			Read fresh = new Read(thumbprint(issuingCa(this.ca.caCertificates())), now);
			this.last.set(fresh);
			return fresh.thumbprint();
		}
		catch (RestClientException | GeneralSecurityException | IllegalStateException ex) {
			log.warn("event=ca_certificate_unavailable error={}", ex.getClass().getSimpleName());
			if (read != null) {
				return read.thumbprint();
			}
			throw new CaUnavailableException("The CA certificate could not be read.", ex);
		}
	}

	private static X509Certificate issuingCa(CaCertificates certificates) {
		if (certificates.chainPem().isEmpty()) {
			throw new IllegalStateException("the ca-adapter published no CA certificate");
		}
		return CertificatePem.parse(certificates.chainPem().get(0));
	}

	/**
	 * @param certificate a CA certificate
	 * @return its MD5 as NDES prints it
	 */
	static String thumbprint(X509Certificate certificate) throws GeneralSecurityException {
		return NdesThumbprint.of(certificate.getEncoded());
	}

	private record Read(String thumbprint, Instant at) {
	}

}
