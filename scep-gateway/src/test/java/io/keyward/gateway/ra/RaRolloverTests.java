package io.keyward.gateway.ra;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RA certificates renew themselves before they expire, with a moved clock: GetCACert
 * serves the new ones at once, requests enveloped to the old encryption certificate are
 * still decrypted until it expires.
 */
class RaRolloverTests extends AbstractGatewayTests {

	@Autowired
	RaRollover rollover;

	@Autowired
	RaKeyRepository repository;

	@Autowired
	TransactionTemplate transactions;

	private List<RaKey> original;

	@BeforeEach
	void keepOriginalKeys() {
		this.original = this.repository.findAll();
	}

	@AfterEach
	void restoreOriginalKeys() {
		this.transactions.executeWithoutResult((status) -> {
			this.repository.deleteAllInBatch();
			this.repository.saveAll(this.original);
		});
		this.raKeys.reload();
		// enrolled at a moved clock: they would head the newest-first transaction list
		this.jdbc.update("delete from gateway.transaction where subject like '%CN=ra-rollover%'");
	}

	@Test
	void whenAnRaCertificateNearsExpiryThenRenewedAndTheOldEncryptionKeyDecryptsUntilItExpires() throws Exception {
		RaCredentials before = ra();
		Instant oldNotAfter = before.encryptionCertificate().getNotAfter().toInstant();
		this.clock.set(oldNotAfter.minus(Duration.ofDays(31)));
		assertThat(this.rollover.rollOverDue()).as("not due 31 days before expiry").isFalse();
		this.clock.set(oldNotAfter.minus(Duration.ofDays(29)));
		assertThat(this.rollover.rollOverDue()).isTrue();
		RaCredentials after = ra();
		assertThat(after.signingCertificate().getSerialNumber())
			.isNotEqualTo(before.signingCertificate().getSerialNumber());
		assertThat(after.encryptionCertificate().getSerialNumber())
			.isNotEqualTo(before.encryptionCertificate().getSerialNumber());
		assertThat(getCaCert()).contains(after.signingCertificate(), after.encryptionCertificate())
			.doesNotContain(before.signingCertificate(), before.encryptionCertificate());

		// a device that fetched GetCACert before the renewal
		assertThat(enrollEnvelopedTo(before.encryptionCertificate(), after).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(enrollEnvelopedTo(after.encryptionCertificate(), after).status()).isEqualTo(PkiStatus.SUCCESS);
		String listed = raApi();
		assertThat(listed).contains(state("encryption", "PREVIOUS", before.encryptionCertificate()))
			.contains(state("encryption", "CURRENT", after.encryptionCertificate()))
			.contains(state("signing", "PREVIOUS", before.signingCertificate()))
			.contains(state("signing", "CURRENT", after.signingCertificate()));

		this.clock.set(oldNotAfter.plusSeconds(1));
		this.rollover.rollOverDue();
		CertRepResponse tooLate = enrollEnvelopedTo(before.encryptionCertificate(), ra());
		assertThat(tooLate.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(tooLate.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(raApi()).doesNotContain(serial(before.encryptionCertificate()))
			.doesNotContain(serial(before.signingCertificate()));
	}

	@Test
	void whenTheCaRefusesAtRenewalThenTheOldCertificatesStayAndTheNextRunRenews() throws Exception {
		RaCredentials before = ra();
		this.clock.set(before.signingCertificate().getNotAfter().toInstant().minus(Duration.ofDays(1)));
		upstreams.raIssuanceDown = true;
		assertThat(this.rollover.rollOverDue()).isFalse();
		assertThat(ra().signingCertificate()).isEqualTo(before.signingCertificate());
		assertThat(getCaCert()).contains(before.signingCertificate());
		upstreams.raIssuanceDown = false;
		assertThat(this.rollover.rollOverDue()).isTrue();
		assertThat(ra().signingCertificate()).isNotEqualTo(before.signingCertificate());
	}

	@Test
	void whenTheRaApiIsCalledWithoutTokenThen401() throws Exception {
		assertThat(get("/api/v1/ra").statusCode()).isEqualTo(401);
	}

	private CertRepResponse enrollEnvelopedTo(X509Certificate recipient, RaCredentials ra) throws Exception {
		TestDevice device = new TestDevice("ra-rollover");
		return device.read(pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), recipient, TestDevice.newTransactionId())),
				ra.signingCertificate());
	}

	private List<X509Certificate> getCaCert() throws Exception {
		HttpResponse<byte[]> response = get("/scep/default?operation=GetCACert");
		assertThat(response.statusCode()).isEqualTo(200);
		return CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(response.body()))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
	}

	private String raApi() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/api/v1/ra")).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String state(String purpose, String state, X509Certificate certificate) {
		return "{\"purpose\":\"" + purpose + "\",\"state\":\"" + state + "\",\"serialNumber\":\"" + serial(certificate)
				+ "\"";
	}

	private static String serial(X509Certificate certificate) {
		return SerialNumbers.hex(certificate.getSerialNumber());
	}

}
