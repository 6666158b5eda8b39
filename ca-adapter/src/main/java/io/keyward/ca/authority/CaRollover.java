package io.keyward.ca.authority;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.keyward.scep.RecipientKey;

import io.keyward.api.ca.CaCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The generations of the configured CA and which of them issues now (RFC 8894 section
 * 4.7): the newest whose switch-over moment has passed. A prepared next CA is published
 * (GetNextCACert) until its moment; then issuance moves to it, logged once per instance
 * as {@code event=ca_switched} and recorded in {@code certificate_authority.switched_at}.
 * The earlier generations stay loaded while they are valid: their certificates are still
 * renewed. Generations are read from the database on {@link #reload()}, so every
 * ca-adapter instance sees one prepared by another.
 */
public class CaRollover {

	private static final Logger log = LoggerFactory.getLogger(CaRollover.class);

	private final CaGenerations store;

	private final Clock clock;

	private volatile List<CaGeneration> generations;

	private volatile int announced;

	CaRollover(CaGenerations store, Clock clock) {
		this.store = store;
		this.clock = clock;
		this.generations = store.load();
		this.announced = active(this.clock.instant()).generation();
	}

	/**
	 * Read the generations again (another instance may have prepared or moved one).
	 */
	public void reload() {
		this.generations = this.store.load();
	}

	/**
	 * Every {@code keyward.ca.rollover.check-interval}: pick up what another instance
	 * prepared, and log a switch-over that passed even when nothing was issued since.
	 */
	@Scheduled(initialDelayString = "${keyward.ca.rollover.check-interval:60s}",
			fixedDelayString = "${keyward.ca.rollover.check-interval:60s}")
	void check() {
		try {
			reload();
			issuing();
		}
		catch (RuntimeException ex) {
			// the database is restarting: keep the generations loaded, try again later
			log.warn("event=ca_rollover_check_failed detail=\"{}\"", ex.toString());
		}
	}

	/**
	 * @return the CA that issues now; a switch-over that just passed is logged here
	 */
	BuiltInCertificateAuthority issuing() {
		Instant now = this.clock.instant();
		CaGeneration active = active(now);
		if (active.generation() != this.announced) {
			this.announced = active.generation();
			CaGeneration previous = previous(active);
			this.store.recordSwitch(active, now);
			log.warn("event=ca_switched name={} generation={} serial={} previous={} activatesAt={} notAfter={}",
					active.authority().name(), active.generation(),
					io.keyward.api.SerialNumbers.hex(active.certificate().getSerialNumber()),
					(previous != null) ? previous.authority().name() : null, active.activatesAt(),
					active.certificate().getNotAfter().toInstant());
		}
		return active.authority();
	}

	/**
	 * @return the next CA while one is prepared and not yet issuing
	 */
	Optional<CaGeneration> next() {
		Instant now = this.clock.instant();
		return this.generations.stream().filter((generation) -> !generation.activeBy(now)).findFirst();
	}

	/**
	 * Prepare the next CA, or move the switch-over of the one prepared.
	 * @param switchAt when it starts issuing; null or past means now
	 * @param requestedBy who asked
	 * @return the CA certificates as now published
	 */
	public CaCertificates prepareNext(Instant switchAt, String requestedBy) {
		Instant now = this.clock.instant();
		Instant at = (switchAt == null || switchAt.isBefore(now)) ? now : switchAt;
		this.store.prepareNext(active(now), at, requestedBy);
		reload();
		return published();
	}

	/**
	 * @return what GetCACert and GetNextCACert are built from
	 */
	public CaCertificates published() {
		Instant now = this.clock.instant();
		CaGeneration active = active(now);
		List<String> links = new ArrayList<>();
		List<String> previous = new ArrayList<>();
		for (CaGeneration generation : this.generations) {
			boolean valid = generation.certificate().getNotAfter().toInstant().isAfter(now);
			if (generation.generation() < active.generation() && valid) {
				previous.add(0, Pem.certificate(generation.certificate()));
			}
			// links of the issuing CA to its predecessor, and of the next CA to the
			// issuing one
			if (generation.newWithOld() != null && generation.generation() >= active.generation()
					&& generation.generation() <= active.generation() + 1) {
				links.add(Pem.certificate(generation.newWithOld()));
				links.add(Pem.certificate(generation.oldWithNew()));
			}
		}
		Optional<CaGeneration> next = next();
		return new CaCertificates(List.of(Pem.certificate(issuing().certificate())),
				next.map((generation) -> List.of(Pem.certificate(generation.certificate()))).orElse(List.of()),
				next.map(CaGeneration::activatesAt).orElse(null), previous, links);
	}

	/**
	 * The CA keys a SCEP client may have encrypted a request to, or expects a CertRep
	 * signed by (RFC 8894 section 2.2): the ca-adapter acts as the SCEP recipient for the
	 * gateway with them, and the keys never leave this process.
	 * @return the issuing CA first, then every other generation whose certificate is
	 * still valid (a prepared next CA, the previous ones)
	 */
	public List<RecipientKey> scepRecipientKeys() {
		Instant now = this.clock.instant();
		BuiltInCertificateAuthority issuing = issuing();
		List<RecipientKey> keys = new ArrayList<>(List.of(issuing.recipientKey()));
		for (CaGeneration generation : this.generations) {
			if (generation.authority() != issuing && generation.certificate().getNotAfter().toInstant().isAfter(now)) {
				keys.add(generation.authority().recipientKey());
			}
		}
		return keys;
	}

	/**
	 * @return every generation, oldest first
	 */
	List<CaGeneration> generations() {
		return this.generations;
	}

	private CaGeneration active(Instant now) {
		CaGeneration active = null;
		for (CaGeneration generation : this.generations) {
			if (generation.activeBy(now)) {
				active = generation;
			}
		}
		if (active == null) {
			throw new IllegalStateException("no CA generation is active");
		}
		return active;
	}

	private CaGeneration previous(CaGeneration generation) {
		return this.generations.stream()
			.filter((candidate) -> candidate.generation() == generation.generation() - 1)
			.findFirst()
			.orElse(null);
	}

}
