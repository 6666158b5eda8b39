package io.keyward.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import io.keyward.gateway.ra.RaCredentials;
import io.keyward.gateway.ra.RaKeys;
import io.keyward.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the gateway on a random port against the shared test PostgreSQL and the
 * {@link FakeUpstreams}; every subclass shares this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=scep-gateway", "keyward.gateway.timeout=3s",
				"keyward.data-dir=target/test-data", "keyward.kek=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
				"keyward.security.service-tokens=" + AbstractGatewayTests.ADMIN_TOKEN,
				"keyward.gateway.profiles.default.template=default", "keyward.gateway.profiles.wifi.template=wifi" })
@Import(PostgresTestConfiguration.class)
public abstract class AbstractGatewayTests {

	protected static final String ADMIN_TOKEN = "admin-ui-test-token-0123456789abcdef";

	protected static final FakeUpstreams upstreams = FakeUpstreams.get();

	protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected RaKeys raKeys;

	@Autowired
	protected JdbcTemplate jdbc;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("keyward.gateway.challenge-url", upstreams::url);
		registry.add("keyward.gateway.ca-url", upstreams::url);
		registry.add("keyward.gateway.service-token", () -> FakeUpstreams.SERVICE_TOKEN);
	}

	@AfterEach
	void resetUpstreams() {
		upstreams.reset();
	}

	protected RaCredentials ra() {
		return this.raKeys.current();
	}

	protected URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	protected HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	protected HttpResponse<byte[]> post(String pathAndQuery, byte[] body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(pathAndQuery))
			.header("Content-Type", "application/x-pki-message")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** POST a PKIOperation and expect a CertRep (HTTP 200, exact content type). */
	protected byte[] pkiOperation(String path, byte[] message) throws Exception {
		HttpResponse<byte[]> response = post(path + "?operation=PKIOperation", message);
		org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
			.contains("application/x-pki-message");
		org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		return response.body();
	}

	protected static String base64(byte[] data) {
		return Base64.getEncoder().encodeToString(data);
	}

	protected int rowsFor(String transactionId) {
		Integer count = this.jdbc.queryForObject("select count(*) from gateway.transaction where transaction_id = ?",
				Integer.class, transactionId);
		return (count != null) ? count : 0;
	}

	protected String statusOf(String transactionId) {
		return this.jdbc.queryForObject("select status from gateway.transaction where transaction_id = ?", String.class,
				transactionId);
	}

}
