package io.keyward.gateway.ra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renews the RA certificates before they expire (the commonest NDES outage is an expired
 * RA certificate). A certificate within {@code keyward.gateway.ra.renew-before} of its
 * notAfter gets a new key pair and certificate from the CA; the new pair becomes CURRENT
 * (GetCACert serves it, RFC 8894 section 3.2.1 / 4.2), the old one PREVIOUS: its
 * encryption key keeps decrypting requests that devices enveloped to the certificate they
 * fetched earlier, until that certificate expires and is RETIRED. Every gateway runs
 * this; the advisory lock lets one renew, and each reloads what is stored.
 */
@Component
public class RaRollover {

	private static final Logger log = LoggerFactory.getLogger(RaRollover.class);

	private final RaKeyStore store;

	private final RaKeyRepository repository;

	private final RaCertificateIssuer issuer;

	private final RaKeys keys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration renewBefore;

	RaRollover(RaKeyStore store, RaKeyRepository repository, RaCertificateIssuer issuer, RaKeys keys,
			TransactionTemplate transactions, Clock clock, GatewayProperties properties) {
		this.store = store;
		this.repository = repository;
		this.issuer = issuer;
		this.keys = keys;
		this.transactions = transactions;
		this.clock = clock;
		this.renewBefore = properties.ra().renewBefore();
	}

	/**
	 * Renew what is due, retire what expired, reload.
	 * @return whether this run changed the stored RA keys
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.ra.check-interval:1h}",
			initialDelayString = "${keyward.gateway.ra.check-interval:1h}")
	public boolean rollOverDue() {
		boolean changed = false;
		try {
			changed = Boolean.TRUE.equals(this.transactions.execute((status) -> {
				this.store.lock();
				return renewDue() | retireExpired();
			}));
		}
		catch (RuntimeException ex) {
			// the CA is unreachable or refused: the old certificates stay, the next run
			// tries again
			log.warn("event=ra_certificate_problem action=renew cause=\"{}\"", ex.toString());
		}
		this.keys.reload();
		return changed;
	}

	private boolean renewDue() {
		Instant now = this.clock.instant();
		boolean renewed = false;
		for (RaKeyPurpose purpose : RaKeyPurpose.values()) {
			RaKey current = this.store.current(purpose).orElse(null);
			if (current == null || current.notAfter().minus(this.renewBefore).isAfter(now)) {
				continue;
			}
			RaCertificateIssuer.IssuedKeyPair issued = this.issuer.issue(purpose);
			// the old row leaves CURRENT before the new one enters: one CURRENT per
			// purpose
			current.state(RaKey.PREVIOUS);
			this.repository.saveAndFlush(current);
			this.store.store(purpose, issued);
			log.info(
					"event=ra_certificate_renewed purpose={} previousSerial={} previousNotAfter={} serial={} notAfter={}",
					purpose.column(), SerialNumbers.hex(current.serialNumber()), current.notAfter(),
					SerialNumbers.hex(issued.certificate().getSerialNumber()),
					issued.certificate().getNotAfter().toInstant());
			renewed = true;
		}
		return renewed;
	}

	private boolean retireExpired() {
		Instant now = this.clock.instant();
		boolean retired = false;
		for (RaKey previous : this.repository.findByStateOrderByPurposeAscCreatedAtDesc(RaKey.PREVIOUS)) {
			if (!previous.notAfter().isAfter(now)) {
				previous.state(RaKey.RETIRED);
				this.repository.saveAndFlush(previous);
				log.info("event=ra_certificate_retired purpose={} serial={} notAfter={}", previous.purpose(),
						SerialNumbers.hex(previous.serialNumber()), previous.notAfter());
				retired = true;
			}
		}
		return retired;
	}

}
