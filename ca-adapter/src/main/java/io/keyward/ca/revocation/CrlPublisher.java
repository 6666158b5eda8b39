package io.keyward.ca.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.RevocationIssuers;
import io.keyward.ca.authority.RevocationProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The CRLs (RFC 5280 section 5), one per CA generation that has not expired: a CRL is per
 * issuer, so each lists the revoked certificates of its own generation
 * ({@code certificate.ca_name}) that have not expired, with its own CRL number sequence
 * (section 5.2.3) and authority key identifier (section 5.2.1). A generation's CRL is
 * issued on every revocation of one of its certificates, in the revocation's own
 * transaction, and otherwise whenever its newest is
 * {@code keyward.ca.crl.reissue-interval} old. The first CA's row is locked while a CRL
 * is built, so CRL numbers strictly increase across instances. Every CRL is kept in
 * {@code ca.crl}.
 */
@Component
public class CrlPublisher {

	private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

	private final JdbcClient jdbc;

	private final CertificateAuthority first;

	private final RevocationIssuers issuers;

	private final Clock clock;

	private final RevocationProperties.Crl settings;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Map<String, AtomicReference<Instant>> lastThisUpdate = new ConcurrentHashMap<>();

	CrlPublisher(JdbcClient jdbc, @Qualifier("certificateAuthority") CertificateAuthority first,
			RevocationIssuers issuers, Clock clock, RevocationProperties revocation, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.first = first;
		this.issuers = issuers;
		this.clock = clock;
		this.settings = revocation.crl();
		this.transactions = transactions;
		this.meters = meters;
		lastThisUpdate(first.name());
	}

	/**
	 * Lock the CA lineage for a revocation or a CRL: callers must be in a transaction.
	 */
	void lockAuthority() {
		this.jdbc.sql("select id from ca.certificate_authority where name = :name for update")
			.param("name", this.first.name())
			.query(Long.class)
			.optional();
	}

	/**
	 * Issue the CRL of one generation in the caller's transaction, which holds
	 * {@link #lockAuthority()}; nothing when that generation expired (its certificates
	 * did too).
	 * @param caName the generation's name ({@code certificate.ca_name})
	 */
	void issue(String caName) {
		this.issuers.named(caName)
			.ifPresentOrElse(this::issue, () -> log.info("event=crl_not_issued ca={} reason=ca_not_served", caName));
	}

	private void issue(CertificateAuthority authority) {
		// UTCTime / GeneralizedTime in a CRL carry whole seconds (RFC 5280 section
		// 5.1.2.4)
		Instant thisUpdate = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant nextUpdate = thisUpdate.plus(this.settings.validity());
		long number = this.jdbc.sql("select coalesce(max(crl_number), 0) + 1 from ca.crl where ca_name = :ca")
			.param("ca", authority.name())
			.query(Long.class)
			.single();
		X509v2CRLBuilder crl = new X509v2CRLBuilder(issuer(authority), Date.from(thisUpdate));
		crl.setNextUpdate(Date.from(nextUpdate));
		this.jdbc.sql("""
				select serial, revoked_at, revocation_reason from ca.certificate
				where ca_name = :ca and revoked_at is not null and not_after > :now order by revoked_at, id""")
			.param("ca", authority.name())
			.param("now", utc(thisUpdate))
			.query((row) -> {
				// reasonCode unspecified is left out (section 5.3.1): addCRLEntry omits 0
				crl.addCRLEntry(new BigInteger(row.getString("serial"), 16),
						Date.from(row.getObject("revoked_at", OffsetDateTime.class).toInstant()),
						RevocationReason.of(row.getString("revocation_reason")).code());
			});
		X509CRLHolder signed;
		try {
			crl.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
			signed = authority.signCrl(crl);
			this.jdbc.sql("""
					insert into ca.crl (ca_name, crl_number, this_update, next_update, der)
					values (:ca, :number, :thisUpdate, :nextUpdate, :der)""")
				.param("ca", authority.name())
				.param("number", number)
				.param("thisUpdate", utc(thisUpdate))
				.param("nextUpdate", utc(nextUpdate))
				.param("der", signed.getEncoded())
				.update();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode a CRL", ex);
		}
		published(authority.name(), thisUpdate);
		log.info("event=crl_issued ca={} crlNumber={} entries={} nextUpdate={}", authority.name(), number,
				signed.getRevokedCertificates().size(), nextUpdate);
	}

	/**
	 * @param caName a generation's name
	 * @return its newest CRL, DER; one is issued first when there is none yet
	 */
	byte[] current(String caName) {
		if (this.issuers.named(caName).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no CA of that name");
		}
		return newest(caName).orElseGet(() -> {
			reissueIfDue();
			return newest(caName).orElseThrow();
		});
	}

	/**
	 * On start and then every {@code keyward.ca.crl.check-interval}: a new CRL for each
	 * generation whose newest is {@code reissue-interval} old, well before its
	 * nextUpdate.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${keyward.ca.crl.check-interval:60s}",
			fixedDelayString = "${keyward.ca.crl.check-interval:60s}")
	public void reissueIfDue() {
		this.transactions.executeWithoutResult((status) -> {
			lockAuthority();
			for (CertificateAuthority authority : this.issuers.serving()) {
				Optional<Instant> newest = this.jdbc.sql("select max(this_update) from ca.crl where ca_name = :ca")
					.param("ca", authority.name())
					.query((row, number) -> Optional.ofNullable(row.getObject(1, OffsetDateTime.class)))
					.single()
					.map(OffsetDateTime::toInstant);
				newest.ifPresent((thisUpdate) -> published(authority.name(), thisUpdate));
				if (newest.isEmpty()
						|| !this.clock.instant().isBefore(newest.get().plus(this.settings.reissueInterval()))) {
					issue(authority);
				}
			}
		});
	}

	private Optional<byte[]> newest(String caName) {
		return this.jdbc.sql("select der from ca.crl where ca_name = :ca order by crl_number desc limit 1")
			.param("ca", caName)
			.query((row, number) -> row.getBytes(1))
			.optional();
	}

	/** Another instance may have published a newer one: the gauge keeps the newest. */
	private void published(String caName, Instant thisUpdate) {
		lastThisUpdate(caName).accumulateAndGet(thisUpdate,
				(known, candidate) -> (known == null || candidate.isAfter(known)) ? candidate : known);
	}

	/** One {@code keyward.ca.crl.age} gauge per generation, registered on first use. */
	private AtomicReference<Instant> lastThisUpdate(String caName) {
		return this.lastThisUpdate.computeIfAbsent(caName, (name) -> {
			AtomicReference<Instant> last = new AtomicReference<>();
			Gauge.builder("keyward.ca.crl.age", last, this::ageSeconds)
				.description("seconds since the thisUpdate of the newest CRL")
				.baseUnit("seconds")
				.tag("ca", name)
				.register(this.meters);
			return last;
		});
	}

	private double ageSeconds(AtomicReference<Instant> lastThisUpdate) {
		Instant last = lastThisUpdate.get();
		return (last != null) ? (this.clock.millis() - last.toEpochMilli()) / 1000.0 : Double.NaN;
	}

	private static org.bouncycastle.asn1.x500.X500Name issuer(CertificateAuthority authority) {
		try {
			return new JcaX509CertificateHolder(authority.chain().get(0)).getSubject();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot read the CA certificate", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
