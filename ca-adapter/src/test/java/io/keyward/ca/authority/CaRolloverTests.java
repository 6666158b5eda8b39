package io.keyward.ca.authority;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.NextCaRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * CA rollover over the REST API with a moved clock (RFC 8894 section 4.7): a next CA is
 * prepared with its link certificates (RFC 4210 section 4.4), published until its
 * switch-over moment, then issues; the previous CA's certificates still renew.
 */
class CaRolloverTests extends CaApiTests {

	private static final String PROFILE = "rollover-" + UUID.randomUUID();

	@Autowired
	CaRollover rollover;

	@AfterEach
	void removeTheNextCa() {
		this.jdbc.update("delete from ca.certificate where profile = ?", PROFILE);
		this.jdbc.update("delete from ca.certificate_request where profile = ?", PROFILE);
		this.jdbc.update("delete from ca.certificate_authority where generation > 1");
		this.rollover.reload();
	}

	@Test
	void whenNoNextCaIsPreparedThenNoneIsPublished() {
		CaCertificates published = this.client.caCertificates();
		assertThat(published.chainPem()).hasSize(1);
		assertThat(published.nextCaPem()).isEmpty();
		assertThat(published.switchAt()).isNull();
		assertThat(published.linkPem()).isEmpty();
	}

	@Test
	void whenANextCaIsPreparedThenItIsPublishedWithLinksAndIssuesFromItsSwitchOver() throws Exception {
		X509Certificate old = caCertificate();
		Instant switchAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
		IssuedCertificate beforeSwitch = enroll("CN=before-switch,O=Keyward Tests");

		CaCertificates prepared = this.client.prepareNextCa(new NextCaRequest(switchAt, "test-admin"));

		assertThat(prepared.chainPem()).containsExactly(Pem.certificate(old));
		assertThat(prepared.switchAt()).isEqualTo(switchAt);
		X509Certificate next = Certificates.parse(prepared.nextCaPem().get(0));
		next.verify(next.getPublicKey());
		assertThat(next.getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
		assertThat(next.getPublicKey()).isNotEqualTo(old.getPublicKey());
		assertThat(next.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		// RFC 8894 section 2.1.2: the next CA may be used directly by SCEP clients as
		// well
		assertThat(next.getKeyUsage()).startsWith(true, false, next.getPublicKey().getAlgorithm().equals("RSA"));
		List<X509Certificate> links = prepared.linkPem().stream().map(Certificates::parse).toList();
		assertThat(links).hasSize(2);
		X509Certificate newWithOld = links.get(0);
		X509Certificate oldWithNew = links.get(1);
		assertThat(newWithOld.getPublicKey()).isEqualTo(next.getPublicKey());
		newWithOld.verify(old.getPublicKey());
		assertThat(oldWithNew.getPublicKey()).isEqualTo(old.getPublicKey());
		oldWithNew.verify(next.getPublicKey());
		assertThat(Certificates.parse(enroll("CN=still-old,O=Keyward Tests").certificatePem()))
			.satisfies((certificate) -> certificate.verify(old.getPublicKey()));

		this.clock.set(switchAt.plusSeconds(1));
		IssuedCertificate afterSwitch = enroll("CN=after-switch,O=Keyward Tests");

		assertThat(signedBy(afterSwitch, next)).isTrue();
		assertThat(signedBy(afterSwitch, old)).isFalse();
		CaCertificates switched = this.client.caCertificates();
		assertThat(switched.chainPem()).containsExactly(Pem.certificate(next));
		assertThat(switched.nextCaPem()).isEmpty();
		assertThat(switched.previousCaPem()).containsExactly(Pem.certificate(old));
		assertThat(this.jdbc.queryForObject(
				"select switched_at is not null from ca.certificate_authority where generation = 2", Boolean.class))
			.isTrue();
		String renewalCsr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=before-switch,O=Keyward Tests").base64();
		IssuedCertificate renewed = this.client
			.issue(new IssueRequest(renewalCsr, PROFILE, null, "tx-" + UUID.randomUUID(), beforeSwitch.serialNumber()));
		assertThat(renewed.renewalOf()).isEqualTo(beforeSwitch.serialNumber());
		assertThat(signedBy(renewed, next)).isTrue();
	}

	@Test
	void whenANextCaIsPreparedAgainThenOnlyItsSwitchOverMoves() {
		Instant first = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		Instant second = first.plus(Duration.ofDays(5));
		String next = this.client.prepareNextCa(new NextCaRequest(first, "test-admin")).nextCaPem().get(0);

		CaCertificates moved = this.client.prepareNextCa(new NextCaRequest(second, "test-admin"));

		assertThat(moved.nextCaPem()).containsExactly(next);
		assertThat(moved.switchAt()).isEqualTo(second);
		// other test classes store CAs of their own names (lineages)
		assertThat(this.jdbc.queryForObject("select count(*) from ca.certificate_authority where lineage = ?",
				Long.class, caName()))
			.isEqualTo(2);
		assertThat(this.rollover.generations()).hasSize(2);
	}

	@Test
	void whenPreparedWithoutAServiceTokenThen401() {
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> client("wrong-token").prepareNextCa(new NextCaRequest(null, "intruder")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		assertThat(this.client.caCertificates().nextCaPem()).isEmpty();
	}

	private String caName() {
		return this.client.authorities()
			.stream()
			.filter((authority) -> authority.role().equals(AuthorityCertificate.CA))
			.findFirst()
			.orElseThrow()
			.name();
	}

	private IssuedCertificate enroll(String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, PROFILE, "default", "tx-" + UUID.randomUUID()));
	}

	private static boolean signedBy(IssuedCertificate issued, X509Certificate ca) {
		try {
			Certificates.parse(issued.certificatePem()).verify(ca.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
