package io.keyward.ca.authority;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.WrongKeyEncryptionKeyException;
import io.keyward.ca.authority.RootCertificates.RootCa;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the CA from the database, creating it on first start. The private key is stored
 * only as PKCS#8 sealed with AES-GCM under the key-encryption key, with {@code ca:<name>}
 * as associated data so the blob cannot be swapped for another key's.
 */
class CaKeyStore {

	private static final Logger log = LoggerFactory.getLogger(CaKeyStore.class);

	private final CaRecordRepository repository;

	private final KeyEncryptionKey kek;

	private final Clock clock;

	private final SerialNumbers serials;

	CaKeyStore(CaRecordRepository repository, KeyEncryptionKey kek, Clock clock, SerialNumbers serials) {
		this.repository = repository;
		this.kek = kek;
		this.clock = clock;
		this.serials = serials;
	}

	BuiltInCertificateAuthority loadOrCreate(CaProperties settings) {
		return loadOrCreate(settings, null);
	}

	/**
	 * @param revocation where issued certificates point relying parties to, null for
	 * nowhere
	 */
	BuiltInCertificateAuthority loadOrCreate(CaProperties settings, RevocationProperties revocation) {
		Optional<CaRecord> stored = this.repository.findByName(settings.name());
		if (stored.isEmpty()) {
			create(settings);
			stored = this.repository.findByName(settings.name());
		}
		CaRecord record = stored
			.orElseThrow(() -> new IllegalStateException("the CA '" + settings.name() + "' vanished after creation"));
		if (!record.keyAlgorithm().equals(settings.keyAlgorithm().name())
				|| !record.subject().equals(new X500Principal(settings.subject()).getName())) {
			log.info("event=ca_settings_ignored name={} reason=\"the stored CA ({} {}) wins over keyward.ca settings\"",
					record.name(), record.keyAlgorithm(), record.subject());
		}
		return open(record, revocation);
	}

	private void create(CaProperties settings) {
		CaKeyAlgorithm algorithm = settings.keyAlgorithm();
		// parsed as RFC 4514, so the DER lists the RDNs in the usual order (O before CN)
		X500Name subject = X500Name.getInstance(new X500Principal(settings.subject()).getEncoded());
		RootCa root = RootCertificates.create(algorithm, subject, settings.validity(), this.clock, this.serials);
		byte[] pkcs8 = root.keyPair().getPrivate().getEncoded();
		byte[] sealed = this.kek.seal(pkcs8, purpose(settings.name()));
		Arrays.fill(pkcs8, (byte) 0);
		X509Certificate certificate = root.certificate();
		int inserted;
		try {
			inserted = this.repository.insertIfAbsent(settings.name(), certificate.getSubjectX500Principal().getName(),
					algorithm.name(), certificate.getEncoded(), Pem.certificate(certificate), sealed,
					certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
					this.clock.instant());
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("cannot encode the new CA certificate", ex);
		}
		if (inserted == 1) {
			log.info("event=ca_created name={} subject=\"{}\" keyAlgorithm={} serial={} notAfter={}", settings.name(),
					certificate.getSubjectX500Principal().getName(), algorithm,
					io.keyward.api.SerialNumbers.hex(certificate.getSerialNumber()),
					certificate.getNotAfter().toInstant());
		}
		else {
			log.info(
					"event=ca_creation_lost_race name={} reason=\"another instance created it first; loading that one\"",
					settings.name());
		}
	}

	private BuiltInCertificateAuthority open(CaRecord record, RevocationProperties revocation) {
		return open(record.name(), record.keyAlgorithm(), record.certificateDer(), record.sealedPrivateKey(),
				revocation);
	}

	/**
	 * Unseal a stored CA: the first one or a successor prepared for a rollover.
	 */
	BuiltInCertificateAuthority open(String name, String keyAlgorithm, byte[] certificateDer, byte[] sealedPrivateKey,
			RevocationProperties revocation) {
		CaKeyAlgorithm algorithm = CaKeyAlgorithm.valueOf(keyAlgorithm);
		X509Certificate certificate = certificate(certificateDer);
		byte[] pkcs8;
		try {
			pkcs8 = this.kek.open(sealedPrivateKey, purpose(name));
		}
		catch (IllegalStateException ex) {
			// reported at start as one description and action (edge
			// KeyEncryptionKeyFailureAnalyzer)
			throw new WrongKeyEncryptionKeyException("cannot open the private key of CA '" + name
					+ "': the key-encryption key (keyward.kek / KEYWARD_KEK, or <keyward.data-dir>/kek) is not the one "
					+ "it was sealed with, or the stored key was altered (" + ex.getMessage() + ")", ex);
		}
		try {
			PrivateKey privateKey = KeyFactory.getInstance(algorithm.keyType())
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			requireMatchingPair(certificate, privateKey, algorithm, name);
			log.info("event=ca_loaded name={} subject=\"{}\" keyAlgorithm={}", name,
					certificate.getSubjectX500Principal().getName(), algorithm);
			return new BuiltInCertificateAuthority(name, certificate, privateKey, algorithm, this.clock, this.serials,
					revocation);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the stored private key of CA '" + name + "' is unreadable", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	/**
	 * A key that does not belong to the certificate would sign unverifiable certificates.
	 */
	private static void requireMatchingPair(X509Certificate certificate, PrivateKey privateKey,
			CaKeyAlgorithm algorithm, String name) throws GeneralSecurityException {
		byte[] probe = "keyward ca key check".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance(algorithm.signatureAlgorithm());
		signer.initSign(privateKey);
		signer.update(probe);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
		verifier.initVerify(certificate.getPublicKey());
		verifier.update(probe);
		if (!verifier.verify(signature)) {
			throw new IllegalStateException(
					"the stored private key of CA '" + name + "' does not match its certificate");
		}
	}

	static X509Certificate certificate(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("the stored CA certificate is unreadable", ex);
		}
	}

	static String purpose(String name) {
		return "ca:" + name;
	}

}
