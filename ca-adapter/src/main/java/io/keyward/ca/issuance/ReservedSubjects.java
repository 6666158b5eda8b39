package io.keyward.ca.issuance;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.CertificateTemplate;
import org.bouncycastle.asn1.x500.X500Name;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names a device may not obtain: the subject of every CA this service holds (the issuing
 * one and any it kept after {@code keyward.ca.name} changed) and of every RA certificate
 * it issued the gateway. A certificate with the CA's or an RA's name is a look-alike a
 * relying party that matches by name (rather than by key) could take for the real one,
 * and an RA look-alike could sign CertReps a SCEP client accepts. Compared in RFC 4518
 * canonical form ({@link X500Principal#CANONICAL}: case, spacing and string types do not
 * matter).
 */
@Component
class ReservedSubjects {

	/** Every CA this service holds (also those no longer issuing) and every RA name. */
	static final String RESERVED = """
			select subject from ca.certificate_authority
			union
			select subject from ca.certificate where template in ('ra-signing', 'ra-encryption')
			""";

	/**
	 * RA certificates are issued once per rollover: a minute-old view is fresh enough.
	 */
	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final CertificateAuthority authority;

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Snapshot snapshot;

	ReservedSubjects(CertificateAuthority authority, JdbcClient jdbc, Clock clock) {
		this.authority = authority;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @throws CertificateRequestRefused when {@code subject} is a CA's or an RA's name
	 * and the template is not the one that issues RA certificates
	 */
	void check(X500Name subject, CertificateTemplate template) {
		if (template.issuesRaCertificates() || subject.getRDNs().length == 0) {
			return;
		}
		X500Principal principal;
		try {
			principal = new X500Principal(subject.getEncoded());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new CertificateRequestRefused("the subject cannot be encoded");
		}
		if (current().names().contains(principal.getName(X500Principal.CANONICAL))) {
			throw new CertificateRequestRefused("the subject " + principal.getName()
					+ " is the name of a CA or RA of this service; a device cannot obtain it");
		}
	}

	/** Forget the cached names, for example right after an RA certificate was issued. */
	void refresh() {
		this.snapshot = null;
	}

	private Snapshot current() {
		Instant now = this.clock.instant();
		Snapshot current = this.snapshot;
		if (current == null || now.isAfter(current.loadedAt().plus(REFRESH)) || now.isBefore(current.loadedAt())) {
			Set<String> names = new HashSet<>();
			this.authority.chain()
				.forEach((ca) -> names.add(ca.getSubjectX500Principal().getName(X500Principal.CANONICAL)));
			for (String reserved : this.jdbc.sql(RESERVED).query(String.class).list()) {
				names.add(new X500Principal(reserved).getName(X500Principal.CANONICAL));
			}
			current = new Snapshot(Set.copyOf(names), now);
			this.snapshot = current;
		}
		return current;
	}

	private record Snapshot(Set<String> names, Instant loadedAt) {
	}

}
