package io.keyward.gateway.scep;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.CertificatePem;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.gateway.GatewayProperties;

import org.springframework.stereotype.Component;

/**
 * The issuing CA's chain as the ca-adapter publishes it, fetched on first need and reused
 * for {@code keyward.gateway.ca-certificates-cache}. GetCACert serves it; renewal checks
 * the old certificate's signature against its first certificate.
 */
@Component
public class CaCertificateChain {

	private final CertificateAuthorityClient certificateAuthority;

	private final GatewayProperties properties;

	private final Clock clock;

	private volatile Cached cached;

	CaCertificateChain(CertificateAuthorityClient certificateAuthority, GatewayProperties properties, Clock clock) {
		this.certificateAuthority = certificateAuthority;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return issuing CA first, then its issuers
	 * @throws org.springframework.web.client.RestClientException when the ca-adapter does
	 * not answer and nothing is cached
	 */
	public List<X509Certificate> certificates() {
		Cached current = this.cached;
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(current.expires())) {
			return current.chain();
		}
		CaCertificates answer = this.certificateAuthority.caCertificates();
		List<X509Certificate> chain = parse(answer.chainPem());
		this.cached = new Cached(chain, now.plus(this.properties.caCertificatesCache()));
		return chain;
	}

	private static List<X509Certificate> parse(List<String> pems) {
		if (pems == null || pems.isEmpty()) {
			throw new IllegalStateException("the ca-adapter published an empty CA chain");
		}
		return pems.stream().map(CertificatePem::parse).toList();
	}

	private record Cached(List<X509Certificate> chain, Instant expires) {
	}

}
