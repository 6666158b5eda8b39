package io.keyward.ca.issuance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores an issued certificate together with the request that produced it in one
 * statement: the request insert feeds the certificate insert, so either both rows exist
 * or neither (a serial clash on {@code uk_certificate_serial} rolls back the request row
 * too). One auto-committed round trip instead of begin, two inserts and commit. The same
 * statement writes the certificate's searchable names (migration V16's
 * {@code certificate_name}), so no certificate is ever stored without them.
 * <p>
 * Every request is stored with the SHA-256 of its CSR. With a transactionID the pair is
 * unique ({@value #UNIQUE_REQUEST}): a retried request finds the certificate it already
 * got, and of two identical requests racing only one can be stored.
 */
@Component
class CertificateStore {

	/**
	 * A stored request's status. Refused requests are not stored (see {@link Issuance}),
	 * so it is always ISSUED; the column and {@code refusal_reason} leave room for
	 * requests kept while PENDING or REFUSED by a later approval step.
	 */
	static final String ISSUED = "ISSUED";

	/** The unique index on (transaction_id, csr_sha256) of certificate_request. */
	static final String UNIQUE_REQUEST = "uk_certificate_request_transaction_csr";

	/** The unique constraint on the serial of certificate. */
	static final String UNIQUE_SERIAL = "uk_certificate_serial";

	/**
	 * The conditions repeat the partial unique index's expressions, so PostgreSQL can use
	 * it; the certificate is then found by ix_certificate_request_id.
	 */
	static final String FIND_ISSUED = """
			select c.*
			from ca.certificate_request r
			join ca.certificate c on c.request_id = r.id
			where r.transaction_id = :transactionId and r.csr_sha256 = :csrSha256
			    and coalesce(r.renewal_of, '') = :renewalOf
			""";

	static final String FIND_BY_SERIAL = """
			select * from ca.certificate where serial = :serial
			""";

	static final String PAGE = """
			select * from ca.certificate order by issued_at desc, id desc limit :size offset :offset
			""";

	private final JdbcClient jdbc;

	CertificateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param transactionId the SCEP transactionID of the request
	 * @param csrSha256 {@link io.keyward.ca.template.CertificateSigningRequest#sha256()}
	 * @param renewalOf the serial renewed, null for a first enrollment
	 * @return the certificate issued for that transactionID, CSR and renewed serial, if
	 * any
	 */
	Optional<CertificateRecord> findIssued(String transactionId, String csrSha256, String renewalOf) {
		return this.jdbc.sql(FIND_ISSUED)
			.param("transactionId", transactionId)
			.param("csrSha256", csrSha256)
			.param("renewalOf", (renewalOf != null) ? renewalOf : "")
			.query(CertificateStore::certificate)
			.optional();
	}

	/**
	 * @param serial as stored: upper-case hex without leading zeros
	 * @return the certificate with that serial, if this CA issued it
	 */
	Optional<CertificateRecord> findBySerial(String serial) {
		return this.jdbc.sql(FIND_BY_SERIAL).param("serial", serial).query(CertificateStore::certificate).optional();
	}

	/**
	 * @param page zero-based page number
	 * @param size rows per page
	 * @return issued certificates, newest first
	 */
	List<CertificateRecord> page(int page, int size) {
		return this.jdbc.sql(PAGE)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(CertificateStore::certificate)
			.list();
	}

	/**
	 * @param correlationId an enrollment's correlation id
	 * @return the certificates issued under it, oldest first
	 */
	List<CertificateRecord> correlated(UUID correlationId) {
		return this.jdbc
			.sql("select * from ca.certificate where correlation_id = :correlationId order by issued_at, id")
			.param("correlationId", correlationId)
			.query(CertificateStore::certificate)
			.list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from ca.certificate").query(Long.class).single();
	}

	/**
	 * @param certificate the certificate as it will be answered
	 * @param csr the DER request
	 * @param csrSha256 {@link io.keyward.ca.template.CertificateSigningRequest#sha256()}
	 * @param requestedAt when the request arrived
	 * @param caName the CA generation that signed it
	 * @return the certificate
	 * @throws org.springframework.dao.DataIntegrityViolationException on a serial clash
	 * ({@value #UNIQUE_SERIAL}) or when the same transactionID and CSR are already stored
	 * ({@value #UNIQUE_REQUEST}); a renewal marks the renewed certificate replaced in the
	 * same statement, so both or neither are written
	 */
	CertificateRecord store(CertificateRecord certificate, byte[] csr, String csrSha256, Instant requestedAt,
			String caName) {
		this.jdbc.sql("""
				with request as (
				    insert into ca.certificate_request (transaction_id, profile, template, csr, csr_sha256, subject,
				        requested_at, status, renewal_of, correlation_id)
				    values (:transactionId, :profile, :template, :csr, :csrSha256, :subject, :requestedAt, :status,
				        :renewalOf, :correlationId)
				    returning id),
				issued as (
				    insert into ca.certificate (serial, request_id, subject, sans, not_before, not_after, profile,
				        template, transaction_id, pem, issued_at, renewal_of, requested_by, ca_name, correlation_id)
				    select :serial, request.id, :subject, :sans, :notBefore, :notAfter, :profile, :template,
				        :transactionId, :pem, :issuedAt, :renewalOf, :requestedBy, :caName, :correlationId
				    from request
				    returning id, serial, subject, sans),
				names as (
				    insert into ca.certificate_name (certificate_id, name)
				    select issued.id, n.name from issued, ca.certificate_names(issued.subject, issued.sans) n(name))
				update ca.certificate set replaced_by = issued.serial
				from issued
				where ca.certificate.serial = :renewalOf
				""")
			.param("transactionId", certificate.transactionId())
			.param("profile", certificate.profile())
			.param("template", certificate.template())
			.param("csr", csr)
			.param("csrSha256", csrSha256)
			.param("subject", certificate.subject())
			.param("requestedAt", utc(requestedAt))
			.param("status", ISSUED)
			.param("serial", certificate.serial())
			.param("sans", certificate.sans())
			.param("notBefore", utc(certificate.notBefore()))
			.param("notAfter", utc(certificate.notAfter()))
			.param("pem", certificate.pem())
			.param("issuedAt", utc(certificate.issuedAt()))
			.param("renewalOf", certificate.renewalOf(), Types.VARCHAR)
			.param("requestedBy", certificate.requestedBy(), Types.VARCHAR)
			.param("caName", caName)
			.param("correlationId", certificate.correlationId(), Types.OTHER)
			.update();
		return certificate;
	}

	/**
	 * Maps a row of {@code ca.certificate} (all columns).
	 */
	static CertificateRecord certificate(ResultSet row, int rowNumber) throws SQLException {
		return new CertificateRecord(row.getString("serial"), row.getString("subject"),
				List.of((String[]) row.getArray("sans").getArray()), instant(row, "not_before"),
				instant(row, "not_after"), row.getString("profile"), row.getString("template"),
				row.getString("transaction_id"), row.getString("pem"), instant(row, "issued_at"),
				row.getString("renewal_of"))
			.lifecycle(instant(row, "revoked_at"), row.getString("revocation_reason"), row.getString("revoked_by"),
					row.getString("revocation_comment"), row.getString("replaced_by"), row.getString("renewal_of"))
			.requestedBy(row.getString("requested_by"))
			.correlationId(row.getObject("correlation_id", UUID.class));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
