package io.keyward.gateway.scep;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.keyward.api.ca.CaCertificates;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.gateway.GatewayProperties;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The CA certificates as the ca-adapter publishes them, fetched on first need and reused
 * for {@code keyward.gateway.ca-certificates-cache}, and never past a prepared CA
 * rollover's switch-over moment (RFC 8894 section 4.7), so GetCACert and renewal follow
 * the switch at once. GetCACert serves the chain; GetNextCACert the next CA; renewal
 * checks the old certificate's signature against the issuing CA and the previous ones.
 */
@Component
public class CaCertificateChain {

	private final CertificateAuthorityClient certificateAuthority;

	private final GatewayProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private volatile Cached cached;

	CaCertificateChain(CertificateAuthorityClient certificateAuthority, GatewayProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.certificateAuthority = certificateAuthority;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return issuing CA first, then its issuers
	 * @throws org.springframework.web.client.RestClientException when the ca-adapter does
	 * not answer and nothing is cached
	 */
	public List<X509Certificate> certificates() {
		return published().chain();
	}

	/**
	 * @return the issuing CA first, then the previous CAs that are still valid: the CAs
	 * whose certificates may be renewed
	 */
	public List<X509Certificate> issuers() {
		Published published = published();
		return Stream.concat(published.chain().stream().limit(1), published.previous().stream()).toList();
	}

	/**
	 * @return the next CA while a rollover is prepared
	 */
	public Optional<NextCa> next() {
		Published published = published();
		return published.next().isEmpty() ? Optional.empty()
				: Optional.of(new NextCa(published.next(), published.switchAt()));
	}

	/**
	 * @return the link certificates between the issuing CA and its predecessor or
	 * successor (RFC 4210 section 4.4)
	 */
	public List<X509Certificate> links() {
		return published().links();
	}

	/**
	 * Fetch again on next use (tests that change what the ca-adapter publishes).
	 */
	void forget() {
		this.cached = null;
	}

	private Published published() {
		Cached current = this.cached;
		Instant now = this.clock.instant();
		if (current != null && now.isBefore(current.expires())) {
			return current.published();
		}
		CaCertificates answer = this.certificateAuthority.caCertificates();
		if (answer.chainPem().isEmpty()) {
			throw new IllegalStateException("the ca-adapter published an empty CA chain");
		}
		Published published = new Published(parse(answer.chainPem()), parse(answer.nextCaPem()), answer.switchAt(),
				parse(answer.previousCaPem()), parse(answer.linkPem()));
		Instant expires = now.plus(this.properties.caCertificatesCache());
		if (answer.switchAt() != null && answer.switchAt().isBefore(expires)) {
			expires = answer.switchAt();
		}
		this.cached = new Cached(published, expires);
		this.events.publishEvent(new Fetched());
		return published;
	}

	private static List<X509Certificate> parse(List<String> pems) {
		return pems.stream().map(CertificatePem::parse).toList();
	}

	/**
	 * A prepared next CA.
	 *
	 * @param certificates its certificate(s)
	 * @param switchAt when it starts issuing
	 */
	public record NextCa(List<X509Certificate> certificates, Instant switchAt) {
	}

	/** Published after each fetch from the ca-adapter (the expiry gauges follow it). */
	public record Fetched() {
	}

	private record Published(List<X509Certificate> chain, List<X509Certificate> next, Instant switchAt,
			List<X509Certificate> previous, List<X509Certificate> links) {
	}

	private record Cached(Published published, Instant expires) {
	}

}
