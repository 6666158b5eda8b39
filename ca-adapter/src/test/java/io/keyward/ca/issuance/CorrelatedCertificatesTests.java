package io.keyward.ca.issuance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 14, "one correlation id": the CA stores the enrollment's id with the request and
 * the certificate, and the admin-ui reads an enrollment's certificates by it.
 */
class CorrelatedCertificatesTests extends CaApiTests {

	@Test
	void whenIssuedUnderACorrelationIdThenStoredAndReadBackByIt() {
		String correlationId = UUID.randomUUID().toString();
		IssuedCertificate issued = client(CaAdapterTest.GATEWAY_TOKEN).issue(request("CN=correlated", correlationId));
		assertThat(issued.correlationId()).isEqualTo(correlationId);
		client(CaAdapterTest.GATEWAY_TOKEN).issue(request("CN=someone-else", UUID.randomUUID().toString()));

		List<IssuedCertificate> found = client(CaAdapterTest.ADMIN_UI_TOKEN).correlated(correlationId);
		assertThat(found).extracting(IssuedCertificate::serialNumber).containsExactly(issued.serialNumber());
		assertThat(found.get(0).correlationId()).isEqualTo(correlationId);
		assertThat(this.jdbc.queryForObject(
				"select r.correlation_id::text from ca.certificate_request r join ca.certificate c on c.request_id = r.id"
						+ " where c.serial = ?",
				String.class, SerialNumbers.parse(issued.serialNumber()).map(SerialNumbers::key).orElseThrow()))
			.isEqualTo(correlationId);
		assertThat(client(CaAdapterTest.ADMIN_UI_TOKEN).correlated(UUID.randomUUID().toString())).isEmpty();
	}

	@Test
	void whenTheCorrelationIdIsNotAUuidThenRefusedAndNothingStored() {
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> client(CaAdapterTest.GATEWAY_TOKEN).issue(request("CN=bad-id", "x'; drop table")));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> client(CaAdapterTest.ADMIN_UI_TOKEN).correlated("not-a-uuid"));
	}

	@Test
	void whenTheGatewayOrAStrangerReadsByCorrelationIdThenForbiddenOrUnauthorized() {
		String path = "/api/v1/certificates/correlated/" + UUID.randomUUID();
		assertThat(call(HttpMethod.GET, path, CaAdapterTest.GATEWAY_TOKEN, null))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.GET, path, "challenge-service-token-0123456789", null))
			.isEqualTo("401 application/problem+json");
		assertThat(call(HttpMethod.GET, path, null, null)).isEqualTo("401 application/problem+json");
	}

	@Test
	void whenAV11DatabaseIsMigratedThenItsCertificatesKeepNoCorrelationId() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.jdbc.getDataSource(), "ca")
			.withJavaMigrations(new V11__StripChallengePasswords())
			.migrate("11")) {
			String schema = scratch.name();
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			long request = this.jdbc.queryForObject("insert into " + schema + ".certificate_request (transaction_id, "
					+ "profile, template, csr, subject, requested_at, status, csr_sha256) values ('tx-v11', 'devices', "
					+ "'default', '\\x3003020101', 'CN=upgraded', ?, 'ISSUED', 'ab') returning id", Long.class, now);
			this.jdbc.update("insert into " + schema + ".certificate (serial, request_id, subject, sans, not_before, "
					+ "not_after, profile, template, transaction_id, pem, issued_at, ca_name) values ('0C', ?, "
					+ "'CN=upgraded', '{dns:a.example}', ?, ?, 'devices', 'default', 'tx-v11', 'PEM', ?, 'root')",
					request, now, now.plusDays(365), now);

			scratch.migrate();

			Map<String, Object> row = this.jdbc
				.queryForMap("select * from " + schema + ".certificate where serial = '0C'");
			assertThat(row).containsEntry("subject", "CN=upgraded").containsEntry("correlation_id", null);
		}
	}

	private String call(HttpMethod method, String path, String token, String json) {
		var request = this.restClient.build().method(method).uri("http://127.0.0.1:" + this.port + path);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.exchange(
				(req, response) -> response.getStatusCode().value() + " " + response.getHeaders().getContentType());
	}

	private static IssueRequest request(String subject, String correlationId) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return new IssueRequest(csr, "correlated", "default", "tx-" + UUID.randomUUID(), null, null, correlationId);
	}

}
