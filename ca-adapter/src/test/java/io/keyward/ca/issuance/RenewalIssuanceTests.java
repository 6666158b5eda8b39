package io.keyward.ca.issuance;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Renewal over the REST API (RFC 8894 section 2.5): the new certificate keeps the old
 * one's subject and SANs whatever the CSR asks for, carries the CSR's key, and the old
 * one is recorded as replaced by it.
 */
class RenewalIssuanceTests extends CaApiTests {

	private static final KeyPair OLD_KEY = TestCsrs.rsa(2048);

	private static final KeyPair NEW_KEY = TestCsrs.rsa(2048);

	@Test
	void whenRenewedThenSubjectAndSansComeFromTheOldCertificateAndTheKeyFromTheCsr() throws Exception {
		IssuedCertificate old = enroll("CN=renew-1,O=Keyward Tests", "renew-1.example");
		String csr = TestCsrs.forKey(NEW_KEY, "CN=someone-else,O=Elsewhere")
			.san(new GeneralName(GeneralName.dNSName, "admin.example"))
			.base64();

		IssuedCertificate renewed = this.client
			.issue(new IssueRequest(csr, "devices", null, "tx-" + UUID.randomUUID(), old.serialNumber()));

		assertThat(renewed.serialNumber()).isNotEqualTo(old.serialNumber());
		assertThat(renewed.subject()).isEqualTo("CN=renew-1,O=Keyward Tests");
		assertThat(renewed.subjectAltNames()).containsExactly("dns:renew-1.example");
		assertThat(renewed.template()).isEqualTo("default");
		X509Certificate certificate = Certificates.parse(renewed.certificatePem());
		assertThat(certificate.getPublicKey()).isEqualTo(NEW_KEY.getPublic());
		assertThat(column("renewal_of", renewed.serialNumber())).isEqualTo(old.serialNumber());
		assertThat(column("replaced_by", old.serialNumber())).isEqualTo(renewed.serialNumber());
		assertThat(column("replaced_by", renewed.serialNumber())).isNull();
		assertThat(renewed.renewalOf()).isEqualTo(old.serialNumber());
		assertThat(this.client.certificate(old.serialNumber()).replacedBy()).isEqualTo(renewed.serialNumber());
	}

	@Test
	void whenTheRenewedCertificateIsRevokedThen400AndNothingStored() throws Exception {
		IssuedCertificate old = enroll("CN=revoked-renewal,O=Keyward Tests", "revoked.example");
		this.client.revoke(old.serialNumber(), new RevokeRequest("keyCompromise", "lost", "test"));
		long before = certificates();
		String csr = TestCsrs.forKey(NEW_KEY, "CN=revoked-renewal,O=Keyward Tests").base64();
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> this.client
				.issue(new IssueRequest(csr, "devices", null, "tx-" + UUID.randomUUID(), old.serialNumber())))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.getResponseBodyAsString()).contains("was revoked (keyCompromise)");
			});
		assertThat(certificates()).isEqualTo(before);
	}

	@Test
	void whenRenewalRepeatsTheEnrollmentsTransactionIdAndCsrThenANewCertificateIsIssued() throws Exception {
		// certmonger derives the transactionID from the key and rebuilds the same CSR
		String transactionId = "tx-" + UUID.randomUUID();
		String csr = TestCsrs.forKey(OLD_KEY, "CN=same-tx,O=Keyward Tests").base64();
		IssuedCertificate old = this.client.issue(new IssueRequest(csr, "devices", "default", transactionId));

		IssuedCertificate renewed = this.client
			.issue(new IssueRequest(csr, "devices", null, transactionId, old.serialNumber()));
		IssuedCertificate repeated = this.client
			.issue(new IssueRequest(csr, "devices", null, transactionId, old.serialNumber()));

		assertThat(renewed.serialNumber()).isNotEqualTo(old.serialNumber());
		assertThat(repeated.serialNumber()).isEqualTo(renewed.serialNumber());
		assertThat(this.jdbc.queryForObject("select count(*) from ca.certificate where transaction_id = ?",
				Integer.class, transactionId))
			.isEqualTo(2);
	}

	@Test
	void whenTheRenewedCertificateIsUnknownThen400AndNothingStored() {
		long before = certificates();
		String csr = TestCsrs.forKey(NEW_KEY, "CN=unknown,O=Keyward Tests").base64();
		assertThatExceptionOfType(HttpClientErrorException.class).isThrownBy(() -> this.client.issue(
				new IssueRequest(csr, "devices", null, "tx-" + UUID.randomUUID(), "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.getResponseBodyAsString()).contains("was issued by this CA");
			});
		assertThat(certificates()).isEqualTo(before);
	}

	@Test
	void whenTheRenewedCertificateHasExpiredThen400AndNothingStored() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(now);
		IssuedCertificate old = enroll("CN=expired-renewal,O=Keyward Tests", "expired.example");
		this.clock.set(old.notAfter().plusSeconds(1));
		long before = certificates();
		String csr = TestCsrs.forKey(NEW_KEY, "CN=expired-renewal,O=Keyward Tests").base64();
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> this.client
				.issue(new IssueRequest(csr, "devices", null, "tx-" + UUID.randomUUID(), old.serialNumber())))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("expired"));
		assertThat(certificates()).isEqualTo(before);
		assertThat(column("replaced_by", old.serialNumber())).isNull();
	}

	@Test
	void whenRenewalOfIsNotASerialThen400() {
		String csr = TestCsrs.forKey(NEW_KEY, "CN=bad-serial,O=Keyward Tests").base64();
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> this.client
				.issue(new IssueRequest(csr, "devices", null, "tx-" + UUID.randomUUID(), "not-a-serial")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	private IssuedCertificate enroll(String subject, String dns) throws Exception {
		String csr = TestCsrs.forKey(OLD_KEY, subject).san(new GeneralName(GeneralName.dNSName, dns)).base64();
		return this.client.issue(new IssueRequest(csr, "devices", "default", "tx-" + UUID.randomUUID()));
	}

	/**
	 * A column of the certificate with this serial, serials shown as the API shows them.
	 */
	private String column(String column, String serial) {
		return SerialNumbers.hex(this.jdbc.queryForObject("select " + column + " from ca.certificate where serial = ?",
				String.class, SerialNumbers.parse(serial).map(SerialNumbers::key).orElseThrow()));
	}

	private long certificates() {
		Long count = this.jdbc.queryForObject("select count(*) from ca.certificate", Long.class);
		return (count != null) ? count : 0;
	}

}
