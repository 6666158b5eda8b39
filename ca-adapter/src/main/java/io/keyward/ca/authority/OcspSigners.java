package io.keyward.ca.authority;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import io.keyward.sealing.KeyEncryptionKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA's delegated OCSP signer: the newest stored one, issued on first need and again
 * when it comes within {@code keyward.ca.ocsp.renew-before} of its notAfter, so responses
 * are never signed by an expired certificate. Its PKCS#8 key is sealed under the
 * key-encryption key with purpose {@code ocsp:<ca name>}, as the CA key is.
 */
public class OcspSigners {

	private static final Logger log = LoggerFactory.getLogger(OcspSigners.class);

	private final BuiltInCertificateAuthority authority;

	private final JdbcClient jdbc;

	private final KeyEncryptionKey kek;

	private final Clock clock;

	private final RevocationProperties.Ocsp settings;

	private volatile OcspSigner current;

	OcspSigners(BuiltInCertificateAuthority authority, JdbcClient jdbc, KeyEncryptionKey kek, Clock clock,
			RevocationProperties.Ocsp settings) {
		this.authority = authority;
		this.jdbc = jdbc;
		this.kek = kek;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * @return a signer valid for at least {@code renew-before} from now
	 */
	public OcspSigner current() {
		OcspSigner signer = this.current;
		if (signer != null && !dueForRenewal(signer)) {
			return signer;
		}
		synchronized (this) {
			signer = this.current;
			if (signer == null || dueForRenewal(signer)) {
				signer = newest().filter((stored) -> !dueForRenewal(stored)).orElseGet(this::create);
				this.current = signer;
			}
			return signer;
		}
	}

	BuiltInCertificateAuthority authority() {
		return this.authority;
	}

	private boolean dueForRenewal(OcspSigner signer) {
		Instant renewAt = signer.certificate().getNotAfter().toInstant().minus(this.settings.renewBefore());
		return !this.clock.instant().isBefore(renewAt);
	}

	private Optional<OcspSigner> newest() {
		return this.jdbc.sql("""
				select certificate_der, sealed_private_key from ca.ocsp_signer
				where ca_name = :ca order by not_after desc, id desc limit 1""")
			.param("ca", this.authority.name())
			.query((row, number) -> open(row.getBytes("certificate_der"), row.getBytes("sealed_private_key")))
			.optional();
	}

	private OcspSigner create() {
		CaKeyAlgorithm algorithm = this.authority.algorithm();
		KeyPair keyPair = algorithm.generate();
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Keyward")
			.addRDN(BCStyle.CN, "Keyward OCSP Signer (" + this.authority.name() + ")")
			.build();
		X509Certificate certificate = this.authority.issueOcspSigner(subject,
				SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()), this.settings.signerValidity());
		byte[] pkcs8 = keyPair.getPrivate().getEncoded();
		byte[] sealed = this.kek.seal(pkcs8, purpose());
		Arrays.fill(pkcs8, (byte) 0);
		try {
			this.jdbc.sql("""
					insert into ca.ocsp_signer (ca_name, serial, certificate_der, sealed_private_key, not_before,
					    not_after, created_at)
					values (:ca, :serial, :der, :sealed, :notBefore, :notAfter, :createdAt)""")
				.param("ca", this.authority.name())
				.param("serial", io.keyward.api.SerialNumbers.key(certificate.getSerialNumber()))
				.param("der", certificate.getEncoded())
				.param("sealed", sealed)
				.param("notBefore", utc(certificate.getNotBefore().toInstant()))
				.param("notAfter", utc(certificate.getNotAfter().toInstant()))
				.param("createdAt", utc(this.clock.instant()))
				.update();
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("cannot encode the OCSP signing certificate", ex);
		}
		log.info("event=ocsp_signer_issued ca={} serial={} notAfter={}", this.authority.name(),
				io.keyward.api.SerialNumbers.hex(certificate.getSerialNumber()), certificate.getNotAfter().toInstant());
		return new OcspSigner(certificate, keyPair.getPrivate(), algorithm);
	}

	private OcspSigner open(byte[] der, byte[] sealed) {
		byte[] pkcs8 = this.kek.open(sealed, purpose());
		try {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
			PrivateKey key = KeyFactory.getInstance(this.authority.algorithm().keyType())
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new OcspSigner(certificate, key, this.authority.algorithm());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"the stored OCSP signer of CA '" + this.authority.name() + "' is unreadable", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	private String purpose() {
		return "ocsp:" + this.authority.name();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
