package io.keyward.ca.issuance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores an issued certificate together with the request that produced it in one
 * statement: the request insert feeds the certificate insert, so either both rows exist
 * or neither (a serial clash on {@code uk_certificate_serial} rolls back the request row
 * too). One auto-committed round trip instead of begin, two inserts and commit.
 */
@Component
class CertificateStore {

	private final JdbcClient jdbc;

	CertificateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param certificate the certificate as it will be answered
	 * @param csr the DER request
	 * @param requestedAt when the request arrived
	 * @return the certificate
	 * @throws org.springframework.dao.DataIntegrityViolationException on a serial clash
	 */
	CertificateRecord store(CertificateRecord certificate, byte[] csr, Instant requestedAt) {
		this.jdbc.sql("""
				with request as (
				    insert into ca.certificate_request (transaction_id, profile, template, csr, subject, requested_at,
				        status)
				    values (:transactionId, :profile, :template, :csr, :subject, :requestedAt, :status)
				    returning id)
				insert into ca.certificate (serial, request_id, subject, sans, not_before, not_after, profile, template,
				    transaction_id, pem, issued_at)
				select :serial, request.id, :subject, :sans, :notBefore, :notAfter, :profile, :template,
				    :transactionId, :pem, :issuedAt
				from request
				""")
			.param("transactionId", certificate.transactionId())
			.param("profile", certificate.profile())
			.param("template", certificate.template())
			.param("csr", csr)
			.param("subject", certificate.subject())
			.param("requestedAt", utc(requestedAt))
			.param("status", CertificateRequestRecord.ISSUED)
			.param("serial", certificate.serial())
			.param("sans", certificate.sans())
			.param("notBefore", utc(certificate.notBefore()))
			.param("notAfter", utc(certificate.notAfter()))
			.param("pem", certificate.pem())
			.param("issuedAt", utc(certificate.issuedAt()))
			.update();
		return certificate;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
