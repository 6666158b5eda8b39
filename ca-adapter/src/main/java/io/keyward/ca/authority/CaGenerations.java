package io.keyward.ca.authority;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.ca.authority.RootCertificates.RootCa;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored generations of the configured CA ({@code certificate_authority} rows of one
 * lineage): loading them, and preparing a successor. A successor gets a new key pair of
 * the same algorithm, sealed like the first CA's key ({@code ca:<name>}), a self-signed
 * certificate with the same subject and the configured validity, and the two link
 * certificates of RFC 4210 section 4.4.
 */
class CaGenerations {

	private static final Logger log = LoggerFactory.getLogger(CaGenerations.class);

	private final BuiltInCertificateAuthority first;

	private final CaKeyStore keyStore;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KeyEncryptionKey kek;

	private final Clock clock;

	private final SerialNumbers serials;

	private final CaProperties settings;

	private final RevocationProperties revocation;

	CaGenerations(BuiltInCertificateAuthority first, CaKeyStore keyStore, JdbcClient jdbc,
			TransactionTemplate transactions, KeyEncryptionKey kek, Clock clock, SerialNumbers serials,
			CaProperties settings, RevocationProperties revocation) {
		this.first = first;
		this.keyStore = keyStore;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kek = kek;
		this.clock = clock;
		this.serials = serials;
		this.settings = settings;
		this.revocation = revocation;
	}

	/**
	 * @return every generation of the lineage, oldest first
	 */
	List<CaGeneration> load() {
		return this.jdbc.sql("""
				select name, generation, key_algorithm, certificate_der, sealed_private_key, activates_at,
				    new_with_old_der, old_with_new_der
				from ca.certificate_authority where lineage = :lineage order by generation""")
			.param("lineage", this.first.name())
			.query((row, number) -> {
				int generation = row.getInt("generation");
				BuiltInCertificateAuthority authority = (generation == 1) ? this.first
						: this.keyStore.open(row.getString("name"), row.getString("key_algorithm"),
								row.getBytes("certificate_der"), row.getBytes("sealed_private_key"), this.revocation);
				OffsetDateTime activatesAt = row.getObject("activates_at", OffsetDateTime.class);
				byte[] newWithOld = row.getBytes("new_with_old_der");
				byte[] oldWithNew = row.getBytes("old_with_new_der");
				return new CaGeneration(generation, (activatesAt != null) ? activatesAt.toInstant() : null, authority,
						(newWithOld != null) ? CaKeyStore.certificate(newWithOld) : null,
						(oldWithNew != null) ? CaKeyStore.certificate(oldWithNew) : null);
			})
			.list();
	}

	/**
	 * Prepare the successor of {@code active}, or move the switch-over of the one already
	 * prepared. The first CA's row is locked meanwhile, so two admins (or two instances)
	 * never prepare two successors.
	 */
	void prepareNext(CaGeneration active, Instant switchAt, String requestedBy) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select id from ca.certificate_authority where name = :name for update")
				.param("name", this.first.name())
				.query(Long.class)
				.single();
			int moved = this.jdbc.sql("""
					update ca.certificate_authority set activates_at = :at, switch_requested_by = :by
					where lineage = :lineage and generation > :active""")
				.param("at", switchAt.atOffset(ZoneOffset.UTC))
				.param("by", requestedBy)
				.param("lineage", this.first.name())
				.param("active", active.generation())
				.update();
			if (moved > 0) {
				log.info("event=ca_switch_scheduled lineage={} switchAt={} requestedBy=\"{}\"", this.first.name(),
						switchAt, requestedBy);
				return;
			}
			create(active, switchAt, requestedBy);
		});
	}

	private void create(CaGeneration active, Instant switchAt, String requestedBy) {
		BuiltInCertificateAuthority current = active.authority();
		int generation = active.generation() + 1;
		String name = this.first.name() + "-g" + generation;
		RootCa root = RootCertificates.create(current.algorithm(), current.subject(), this.settings.validity(),
				this.clock, this.serials);
		X509Certificate certificate = root.certificate();
		BuiltInCertificateAuthority next = new BuiltInCertificateAuthority(name, certificate,
				root.keyPair().getPrivate(), current.algorithm(), this.clock, this.serials, this.revocation);
		Instant overlapEnd = current.certificate().getNotAfter().toInstant();
		X509Certificate newWithOld = current.certifyCaKey(next.subject(),
				SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()), overlapEnd);
		X509Certificate oldWithNew = next.certifyCaKey(current.subject(),
				SubjectPublicKeyInfo.getInstance(current.certificate().getPublicKey().getEncoded()), overlapEnd);
		byte[] pkcs8 = root.keyPair().getPrivate().getEncoded();
		try {
			this.jdbc.sql("""
					insert into ca.certificate_authority (name, lineage, generation, subject, key_algorithm,
					    certificate_der, certificate_pem, sealed_private_key, not_before, not_after, created_at,
					    activates_at, switch_requested_by, new_with_old_der, old_with_new_der)
					values (:name, :lineage, :generation, :subject, :algorithm, :der, :pem, :sealed, :notBefore,
					    :notAfter, :createdAt, :activatesAt, :by, :newWithOld, :oldWithNew)""")
				.param("name", name)
				.param("lineage", this.first.name())
				.param("generation", generation)
				.param("subject", certificate.getSubjectX500Principal().getName())
				.param("algorithm", current.algorithm().name())
				.param("der", certificate.getEncoded())
				.param("pem", Pem.certificate(certificate))
				.param("sealed", this.kek.seal(pkcs8, CaKeyStore.purpose(name)))
				.param("notBefore", utc(certificate.getNotBefore().toInstant()))
				.param("notAfter", utc(certificate.getNotAfter().toInstant()))
				.param("createdAt", utc(this.clock.instant()))
				.param("activatesAt", utc(switchAt))
				.param("by", requestedBy)
				.param("newWithOld", newWithOld.getEncoded())
				.param("oldWithNew", oldWithNew.getEncoded())
				.update();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot encode the next CA certificate", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
		log.info("event=ca_next_prepared name={} generation={} serial={} notAfter={} switchAt={} requestedBy=\"{}\"",
				name, generation, io.keyward.api.SerialNumbers.hex(certificate.getSerialNumber()),
				certificate.getNotAfter().toInstant(), switchAt, requestedBy);
	}

	/**
	 * Record the first moment an instance issued with {@code generation}.
	 */
	void recordSwitch(CaGeneration generation, Instant at) {
		this.jdbc.sql("""
				update ca.certificate_authority set switched_at = :at
				where lineage = :lineage and generation = :generation and switched_at is null""")
			.param("at", utc(at))
			.param("lineage", this.first.name())
			.param("generation", generation.generation())
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
