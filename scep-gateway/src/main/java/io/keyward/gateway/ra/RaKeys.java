package io.keyward.gateway.ra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The RA key pairs in memory. They are created (or loaded) when the application is ready;
 * when the CA could not be reached then, the first SCEP request that needs them tries
 * again.
 */
@Component
public class RaKeys {

	private static final Logger log = LoggerFactory.getLogger(RaKeys.class);

	private final RaKeyStore store;

	private volatile RaCredentials current;

	RaKeys(RaKeyStore store) {
		this.store = store;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		try {
			current();
		}
		catch (RaKeysUnavailableException ex) {
			// already logged; the next request retries
		}
	}

	/**
	 * Load the RA credentials again, after this or another gateway renewed them. Keeps
	 * the loaded ones when the database cannot be read now.
	 */
	public void reload() {
		try {
			RaCredentials loaded = this.store.loadOrCreate();
			RaCredentials before = this.current;
			this.current = loaded;
			if (before == null || !before.toString().equals(loaded.toString())) {
				log.info("event=ra_certificates_ready {}", loaded);
			}
		}
		catch (RuntimeException ex) {
			log.warn("event=ra_certificate_problem cause=\"{}\"", ex.toString());
		}
	}

	/**
	 * @return the RA credentials
	 * @throws RaKeysUnavailableException when they do not exist and cannot be created now
	 */
	public RaCredentials current() {
		RaCredentials credentials = this.current;
		if (credentials != null) {
			return credentials;
		}
		synchronized (this) {
			if (this.current == null) {
				try {
					this.current = this.store.loadOrCreate();
					log.info("event=ra_certificates_ready {}", this.current);
				}
				catch (RuntimeException ex) {
					log.warn("event=ra_certificate_problem cause=\"{}\"", ex.toString());
					throw new RaKeysUnavailableException(ex);
				}
			}
			return this.current;
		}
	}

}
