package io.keyward.gateway.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import io.keyward.api.SerialNumbers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The certificate the HTTPS listener serves when the operator supplies none: issued by
 * the built-in CA for {@link TlsProperties#certificateNames()}, stored sealed, renewed
 * {@code keyward.gateway.tls.renew-before} ahead of its notAfter and swapped into the
 * running listener through the SSL bundle registry (new TLS connections get the new
 * certificate; open ones keep theirs). Every gateway checks; the advisory lock lets one
 * renew and the others load what it stored.
 */
@Component
public class SelfIssuedTlsCertificate implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SelfIssuedTlsCertificate.class);

	private static final String ALIAS = "gateway";

	/** Protects only the in-memory key store handed to Tomcat. */
	private static final String STORE_PASSWORD = randomPassword();

	private final TlsCertificateStore store;

	private final TlsCertificateIssuer issuer;

	private final TransactionTemplate transactions;

	private final TlsProperties properties;

	private final Clock clock;

	private final ObjectProvider<SslBundleRegistry> registry;

	private volatile TlsCredential current;

	SelfIssuedTlsCertificate(TlsCertificateStore store, TlsCertificateIssuer issuer, TransactionTemplate transactions,
			TlsProperties properties, Clock clock, ObjectProvider<SslBundleRegistry> registry) {
		this.store = store;
		this.issuer = issuer;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.registry = registry;
	}

	/**
	 * The bundle the web server is created with: a provisional certificate, since the
	 * CA's REST client itself needs the SSL bundles and cannot be asked this early.
	 */
	static void registerProvisional(SslBundleRegistry registry, TlsProperties properties) {
		registry.registerBundle(TlsProperties.SELF_ISSUED_BUNDLE,
				bundle(TlsCertificateIssuer.provisional(properties.certificateNames(), Clock.systemUTC())));
	}

	/**
	 * Replace the provisional certificate with the stored or a newly issued one, after
	 * every bean exists and before the listener accepts its first connection. When the CA
	 * cannot be reached now, the provisional one stays until a {@link #check()} succeeds.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.enabled() && this.properties.selfIssued()) {
			check();
		}
	}

	/**
	 * Renew what is due, pick up what another gateway renewed, replace a provisional
	 * certificate.
	 * @return whether the served certificate changed
	 */
	@Scheduled(fixedDelayString = "${keyward.gateway.tls.check-interval:10m}",
			initialDelayString = "${keyward.gateway.tls.check-interval:10m}")
	public boolean check() {
		if (!this.properties.enabled() || !this.properties.selfIssued()) {
			return false;
		}
		TlsCredential before = this.current;
		TlsCredential next;
		try {
			next = loadOrIssue(this.properties.certificateNames());
		}
		catch (RuntimeException ex) {
			// the CA is unreachable or refused: the served certificate stays, the next
			// check tries again
			log.warn("event=tls_certificate_problem action={} cause=\"{}\"", (before != null) ? "renew" : "issue",
					ex.toString());
			return false;
		}
		if (before != null && next.serialNumber().equals(before.serialNumber())) {
			return false;
		}
		this.current = next;
		this.registry.getObject().updateBundle(TlsProperties.SELF_ISSUED_BUNDLE, bundle(next));
		if (before == null) {
			log.info("event=tls_certificate_ready {}", next);
		}
		else {
			log.info("event=tls_certificate_renewed previousSerial={} previousNotAfter={} {}",
					SerialNumbers.hex(before.serialNumber()), before.certificate().getNotAfter().toInstant(), next);
		}
		return true;
	}

	private TlsCredential loadOrIssue(List<String> names) {
		TlsCredential stored = this.transactions.execute((status) -> this.store.current(names).orElse(null));
		if (stored != null && !due(stored)) {
			return stored;
		}
		return this.transactions.execute((status) -> {
			this.store.lock();
			TlsCredential again = this.store.current(names).orElse(null);
			if (again != null && !due(again)) {
				return again;
			}
			TlsCredential issued = this.issuer.issue(names);
			this.store.replace(issued);
			log.info("event=tls_certificate_issued {}", issued);
			return issued;
		});
	}

	private boolean due(TlsCredential credential) {
		return !credential.certificate()
			.getNotAfter()
			.toInstant()
			.minus(this.properties.renewBefore())
			.isAfter(this.clock.instant());
	}

	private static String randomPassword() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	private static SslBundle bundle(TlsCredential credential) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry(ALIAS, credential.privateKey(), STORE_PASSWORD.toCharArray(),
					new Certificate[] { credential.certificate() });
			return SslBundle.of(SslStoreBundle.of(keyStore, STORE_PASSWORD, null),
					SslBundleKey.of(STORE_PASSWORD, ALIAS));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot build the TLS key store", ex);
		}
	}

}
