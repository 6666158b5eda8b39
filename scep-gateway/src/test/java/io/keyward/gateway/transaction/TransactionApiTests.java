package io.keyward.gateway.transaction;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin-ui's read API over SCEP transactions.
 */
class TransactionApiTests extends AbstractGatewayTests {

	@Autowired
	MeterRegistry meters;

	@Test
	void whenNoTokenThenProblem401() throws Exception {
		HttpResponse<byte[]> response = get("/api/v1/transactions?page=0&size=50");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	@Test
	void whenWrongTokenThenProblem401() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/transactions"))
			.header("Authorization", "Bearer " + FakeUpstreams.SERVICE_TOKEN + "x")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void whenServiceTokenThenNewestFirstPage() throws Exception {
		TestDevice device = new TestDevice("listed");
		String transactionId = TestDevice.newTransactionId();
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/transactions?page=0&size=1"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"status\":\"ISSUED\"")
			.contains("\"messageType\":\"PKCSReq\"")
			.contains("\"size\":1");
	}

	@Test
	void whenDeviceUsedTripleDesAndSha1ThenTransactionAndMetricShowIt() throws Exception {
		TestDevice device = new TestDevice("legacy-crypto");
		String transactionId = TestDevice.newTransactionId();
		double before = legacyCount();
		pkiOperation("/scep/default", device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE),
				ra().encryptionCertificate(), transactionId, CMSAlgorithm.DES_EDE3_CBC, "SHA-1"));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/transactions?page=0&size=1"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"contentEncryptionAlgorithm\":\"DESEDE-3KEY/CBC\"")
			.contains("\"keyTransportAlgorithm\":\"RSA\"")
			.contains("\"digestAlgorithm\":\"SHA1\"")
			// Bouncy Castle's clients write rsaEncryption for PKCS#1 v1.5 signatures
			.contains("\"signatureAlgorithm\":\"RSA\"");
		assertThat(legacyCount() - before).isEqualTo(2.0);
	}

	private double legacyCount() {
		return this.meters.find("keyward.scep.client.algorithms")
			.tag("profile", "default")
			.tag("legacy", "true")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@Test
	void whenPageSizeInvalidThenProblem400() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/transactions?page=0&size=100000"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	@Test
	void whenAskedForATransactionIdThenOnlyItsTransactionsAnswer() throws Exception {
		TestDevice device = new TestDevice("looked-up");
		String transactionId = TestDevice.newTransactionId();
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));
		TestDevice other = new TestDevice("not-looked-up");
		pkiOperation("/scep/default", other.pkcsReq(other.csr(FakeUpstreams.GOOD_CHALLENGE),
				ra().encryptionCertificate(), TestDevice.newTransactionId()));

		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(uri("/api/v1/transactions?profile=default&transactionId=" + transactionId + "&page=0&size=10"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		HttpResponse<String> withoutProfile = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/transactions?transactionId=" + transactionId))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"total\":1")
			.doesNotContain("not-looked-up");
		assertThat(withoutProfile.statusCode()).isEqualTo(400);
	}

}
