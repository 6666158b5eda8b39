package io.keyward.ca.issuance;

import java.util.UUID;

import io.keyward.api.ca.IssueRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issuing once the CA certificate expired (RFC 5280 section 6.1.3: nothing it signs would
 * validate): the ca-adapter refuses with a 503 problem that says so, stores nothing and
 * counts it, instead of the 500 it answered before.
 */
class ExpiredCaIssuanceTests extends CaApiTests {

	@Autowired
	MeterRegistry meters;

	@Test
	void whenTheCaCertificateExpiredThenIssuanceIsA503ProblemAndNothingIsStored() {
		this.clock.set(caCertificate().getNotAfter().toInstant().plusSeconds(60));
		long before = count();
		double refusedBefore = this.meters.counter("keyward.ca.issuance.unavailable", "reason", "ca_expired").count();
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=after-expiry,O=Keyward Tests").base64();

		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> this.client.issue(new IssueRequest(csr, "devices", "default", "tx-" + UUID.randomUUID())))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(ex.getResponseBodyAsString()).contains("CA certificate expired");
			});
		assertThat(count()).isEqualTo(before);
		assertThat(this.meters.counter("keyward.ca.issuance.unavailable", "reason", "ca_expired").count())
			.isEqualTo(refusedBefore + 1);
	}

	private long count() {
		Long count = this.jdbc.queryForObject("select count(*) from ca.certificate", Long.class);
		return (count != null) ? count : 0;
	}

}
