package io.keyward.ca.revocation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.event.CaEventOutbox;
import io.keyward.ca.issuance.CertificateInventory;
import io.keyward.ca.issuance.CertificateNotFound;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes a certificate by serial with an RFC 5280 reason, recording who, when and why,
 * and re-issues the CRL of the CA generation that signed it in the same transaction:
 * either the certificate is revoked and listed on a new CRL, or nothing changed. A
 * revocation is final (RFC 5280 section 3.3); revoking again is refused and keeps the
 * first time and reason.
 */
@Service
class Revocation {

	private static final Logger log = LoggerFactory.getLogger(Revocation.class);

	static final int MAX_COMMENT = 1000;

	static final int MAX_REVOKED_BY = 255;

	private final JdbcClient jdbc;

	private final CrlPublisher crls;

	private final CertificateInventory inventory;

	private final Clock clock;

	private final MeterRegistry meters;

	private final CaEventOutbox events;

	Revocation(JdbcClient jdbc, CrlPublisher crls, CertificateInventory inventory, Clock clock, MeterRegistry meters,
			CaEventOutbox events) {
		this.jdbc = jdbc;
		this.events = events;
		this.crls = crls;
		this.inventory = inventory;
		this.clock = clock;
		this.meters = meters;
	}

	@Transactional
	IssuedCertificate revoke(String serialText, RevokeRequest request) {
		String serial = CertificateInventory.normalizeSerial(serialText);
		RevocationReason reason = RevocationReason.of(request.reason());
		String comment = bounded("comment", request.comment(), MAX_COMMENT);
		String revokedBy = bounded("revokedBy", request.revokedBy(), MAX_REVOKED_BY);
		this.crls.lockAuthority();
		// whole seconds: what the CRL and OCSP answers can carry
		Instant revokedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		// the CRL of the generation that signed it (RFC 5280 section 5)
		Optional<String> caName = this.jdbc.sql("""
				update ca.certificate set revoked_at = :revokedAt, revocation_reason = :reason,
				    revoked_by = :revokedBy, revocation_comment = :comment
				where serial = :serial and revoked_at is null returning ca_name""")
			.param("revokedAt", revokedAt.atOffset(ZoneOffset.UTC))
			.param("reason", reason.name())
			.param("revokedBy", revokedBy)
			.param("comment", comment)
			.param("serial", serial)
			.query((row, number) -> Optional.ofNullable(row.getString(1)).orElse(""))
			.optional();
		if (caName.isEmpty()) {
			if (this.inventory.find(serial).isPresent()) {
				throw new CertificateAlreadyRevoked(serial);
			}
			throw new CertificateNotFound(serial);
		}
		this.crls.issue(caName.get());
		// in this transaction: the event exists exactly when the revocation does
		this.events.revoked(serial, revokedAt);
		this.meters.counter("keyward.ca.revocations", "reason", reason.name()).increment();
		log.info("event=certificate_revoked serial={} reason={} revokedBy=\"{}\"", SerialNumbers.hex(serial), reason,
				LogText.printable(revokedBy));
		return this.inventory.find(serial).orElseThrow(() -> new CertificateNotFound(serial));
	}

	private static String bounded(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > max) {
			throw new InvalidRequest(field + " is longer than " + max + " characters");
		}
		return value.strip();
	}

}
