package io.keyward.ca.authority;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.keyward.sealing.KeyEncryptionKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA generations whose revocation status is served: every generation of the lineage
 * whose certificate has not expired, the previous ones after a rollover as well as the
 * issuing and a prepared next one. Each is its own CRL issuer (RFC 5280 section 5) and
 * answers OCSP through its own delegated signer (RFC 6960 section 4.2.2.2), sealed with
 * purpose {@code ocsp:<generation name>}.
 */
public class RevocationIssuers {

	private final CaRollover rollover;

	private final OcspSigners firstSigners;

	private final JdbcClient jdbc;

	private final KeyEncryptionKey kek;

	private final Clock clock;

	private final RevocationProperties.Ocsp settings;

	private final Map<String, OcspSigners> signers = new ConcurrentHashMap<>();

	RevocationIssuers(CaRollover rollover, OcspSigners firstSigners, JdbcClient jdbc, KeyEncryptionKey kek, Clock clock,
			RevocationProperties.Ocsp settings) {
		this.rollover = rollover;
		this.firstSigners = firstSigners;
		this.jdbc = jdbc;
		this.kek = kek;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * @return the generations not expired now, oldest first
	 */
	public List<CertificateAuthority> serving() {
		Instant now = this.clock.instant();
		return this.rollover.generations()
			.stream()
			.filter((generation) -> generation.certificate().getNotAfter().toInstant().isAfter(now))
			.map((generation) -> (CertificateAuthority) generation.authority())
			.toList();
	}

	/**
	 * @param name a generation's name: the CA's name, then {@code <name>-g2} ...
	 * @return that generation while it is served
	 */
	public Optional<CertificateAuthority> named(String name) {
		Optional<CertificateAuthority> known = find(name);
		if (known.isPresent()) {
			return known;
		}
		// another instance may have prepared it since this one last read the generations
		this.rollover.reload();
		return find(name);
	}

	private Optional<CertificateAuthority> find(String name) {
		return serving().stream().filter((authority) -> authority.name().equals(name)).findFirst();
	}

	/**
	 * @param issuer one of {@link #serving()}
	 * @return its delegated OCSP signer, valid for at least {@code renew-before}
	 */
	public OcspSigner signer(CertificateAuthority issuer) {
		BuiltInCertificateAuthority authority = (BuiltInCertificateAuthority) issuer;
		if (authority == this.firstSigners.authority()) {
			return this.firstSigners.current();
		}
		// a generation is loaded again on every reload: keep one signer cache per key
		return this.signers
			.compute(authority.name(),
					(name, known) -> (known != null && known.authority().certificate().equals(authority.certificate()))
							? known : new OcspSigners(authority, this.jdbc, this.kek, this.clock, this.settings))
			.current();
	}

}
