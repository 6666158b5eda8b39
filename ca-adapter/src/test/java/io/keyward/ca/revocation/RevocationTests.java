package io.keyward.ca.revocation;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RevocationTests extends CaApiTests {

	@Autowired
	CrlPublisher crls;

	X509Certificate ca;

	@BeforeEach
	void setUp() {
		this.ca = caCertificate();
	}

	@Test
	void whenRevokedThenRecordedWithWhoWhenWhyAndListedOnANewSignedCrl() throws Exception {
		IssuedCertificate issued = issue("CN=revoked-device");
		assertThat(issued.status()).isEqualTo(IssuedCertificate.VALID);
		assertThat(issued.revokedAt()).isNull();
		long crlNumberBefore = crlNumber(crl());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(now.plusMillis(700));

		IssuedCertificate revoked = this.client.revoke(withColons(issued.serialNumber()),
				new RevokeRequest("keyCompromise", "laptop stolen", "alice@example.com"));

		assertThat(revoked.serialNumber()).isEqualTo(issued.serialNumber());
		assertThat(revoked.status()).isEqualTo(IssuedCertificate.REVOKED);
		assertThat(revoked.revokedAt()).isEqualTo(now);
		assertThat(revoked.revocationReason()).isEqualTo("keyCompromise");
		assertThat(revoked.revokedBy()).isEqualTo("alice@example.com");
		assertThat(revoked.revocationComment()).isEqualTo("laptop stolen");
		assertThat(revoked.replacedBy()).isNull();
		assertThat(revoked.renewalOf()).isNull();
		assertThat(this.client.certificate(issued.serialNumber())).isEqualTo(revoked);

		X509CRL crl = crl();
		crl.verify(this.ca.getPublicKey());
		assertThat(crl.getIssuerX500Principal()).isEqualTo(this.ca.getSubjectX500Principal());
		assertThat(crlNumber(crl)).isEqualTo(crlNumberBefore + 1);
		assertThat(crl.getThisUpdate().toInstant()).isEqualTo(now);
		assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
		assertThat(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
		X509CRLEntry entry = crl.getRevokedCertificate(new BigInteger(issued.serialNumber(), 16));
		assertThat(entry).isNotNull();
		assertThat(entry.getRevocationDate().toInstant()).isEqualTo(now);
		assertThat(CRLReason
			.getInstance(ASN1OctetString.getInstance(entry.getExtensionValue(Extension.reasonCode.getId())).getOctets())
			.getValue()
			.intValue()).isEqualTo(CRLReason.keyCompromise);
	}

	@Test
	void whenIssuedThenTheCertificateNamesTheCrlAndTheOcspResponder() {
		X509Certificate certificate = Certificates.parse(issue("CN=pointers").certificatePem());

		String der = new String(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()),
				java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(der).contains("http://localhost:8080/crl/root.crl");
		String aia = new String(certificate.getExtensionValue(Extension.authorityInfoAccess.getId()),
				java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(aia).contains("http://localhost:8080/ocsp");
	}

	@Test
	void whenAlreadyRevokedThenConflictAndTheFirstRevocationStays() {
		IssuedCertificate issued = issue("CN=twice");
		IssuedCertificate first = this.client.revoke(issued.serialNumber(),
				new RevokeRequest("superseded", null, "bob"));

		assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
			.isThrownBy(() -> this.client.revoke(issued.serialNumber(), new RevokeRequest("keyCompromise", "", "eve")))
			.satisfies((ex) -> assertThat(ex.getResponseHeaders().getContentType())
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.client.certificate(issued.serialNumber())).isEqualTo(first);
	}

	@Test
	void whenSerialUnknownThenNotFoundAndWhenReasonUnknownThenBadRequestAndNothingWritten() {
		IssuedCertificate issued = issue("CN=not-revoked");
		long crls = count("ca.crl");

		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.client.revoke("0FEDCBA987654321", new RevokeRequest("keyCompromise", null, null)))
			.satisfies((ex) -> assertThat(ex.getResponseHeaders().getContentType())
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.revoke(issued.serialNumber(), new RevokeRequest("KeyCompromise", null, null)))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("unknown revocation reason"));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class).isThrownBy(
				() -> this.client.revoke(issued.serialNumber(), new RevokeRequest(null, "x".repeat(1001), null)));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.revoke("not-hex", new RevokeRequest(null, null, null)));

		assertThat(this.client.certificate(issued.serialNumber()).status()).isEqualTo(IssuedCertificate.VALID);
		assertThat(count("ca.crl")).isEqualTo(crls);
	}

	@Test
	void whenTheNewCrlCannotBeStoredThenTheRevocationIsRolledBackToo() throws Exception {
		IssuedCertificate issued = issue("CN=rolled-back");
		// a fault in the CRL step, after the certificate row was updated
		this.jdbc.execute("alter table ca.crl add constraint ck_crl_fault check (crl_number < 0) not valid");
		try {
			assertThatExceptionOfType(HttpServerErrorException.InternalServerError.class).isThrownBy(
					() -> this.client.revoke(issued.serialNumber(), new RevokeRequest("keyCompromise", null, null)));
		}
		finally {
			this.jdbc.execute("alter table ca.crl drop constraint ck_crl_fault");
		}

		IssuedCertificate after = this.client.certificate(issued.serialNumber());
		assertThat(after.status()).isEqualTo(IssuedCertificate.VALID);
		assertThat(after.revokedAt()).isNull();
		assertThat(crl().getRevokedCertificate(new BigInteger(issued.serialNumber(), 16))).isNull();
		assertThat(this.client.revoke(issued.serialNumber(), new RevokeRequest("keyCompromise", null, null)).status())
			.isEqualTo(IssuedCertificate.REVOKED);
	}

	@Test
	void whenReasonIsUnspecifiedThenTheCrlEntryHasNoReasonCode() throws Exception {
		IssuedCertificate issued = issue("CN=unspecified");

		IssuedCertificate revoked = this.client.revoke(issued.serialNumber(), new RevokeRequest(null, null, null));

		assertThat(revoked.revocationReason()).isEqualTo("unspecified");
		X509CRLEntry entry = crl().getRevokedCertificate(new BigInteger(issued.serialNumber(), 16));
		assertThat(entry.getExtensionValue(Extension.reasonCode.getId())).isNull();
	}

	@Test
	void whenTheNewestCrlIsOlderThanTheReissueIntervalThenANewOneIsIssued() throws Exception {
		this.crls.reissueIfDue();
		long number = crlNumber(crl());

		this.crls.reissueIfDue();
		assertThat(crlNumber(crl())).isEqualTo(number);

		this.clock.set(Instant.now().plus(Duration.ofDays(1)).plusSeconds(5));
		this.crls.reissueIfDue();
		X509CRL reissued = crl();
		assertThat(crlNumber(reissued)).isEqualTo(number + 1);
		assertThat(reissued.getThisUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
	}

	@Test
	void whenCaNameIsUnknownThenNotFound() {
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.client.crl("no-such-ca"));
	}

	private IssuedCertificate issue(String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, "revocation-tests", "default", null));
	}

	X509CRL crl() throws Exception {
		return (X509CRL) CertificateFactory.getInstance("X.509")
			.generateCRL(new ByteArrayInputStream(this.client.crl("root")));
	}

	private static long crlNumber(X509CRL crl) {
		byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
		return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).longValueExact();
	}

	/** As OpenSSL prints it: lower case, colon separated, leading zero. */
	private static String withColons(String serial) {
		String hex = "0" + serial.toLowerCase(java.util.Locale.ROOT);
		if (hex.length() % 2 == 1) {
			hex = "0" + hex;
		}
		return String.join(":", hex.split("(?<=\\G..)"));
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

}
