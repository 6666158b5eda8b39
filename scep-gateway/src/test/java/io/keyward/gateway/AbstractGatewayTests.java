package io.keyward.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import io.keyward.gateway.ra.RaCredentials;
import io.keyward.gateway.ra.RaKeys;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the gateway on a random port against the shared test PostgreSQL and the
 * {@link FakeUpstreams}; every subclass shares this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.name=scep-gateway", "keyward.gateway.timeout=3s", "keyward.data-dir=target/test-data",
		"keyward.kek=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
		"keyward.edge.callers.admin-ui.tokens=" + AbstractGatewayTests.ADMIN_TOKEN,
		"keyward.gateway.profiles.default.template=default", "keyward.gateway.profiles.wifi.template=wifi",
		"keyward.gateway.profiles.intune.when-unavailable=FAILURE",
		"keyward.gateway.profiles.approved.approval=REQUIRED", "keyward.gateway.profiles.norenew.renewal-enabled=false",
		"keyward.gateway.profiles.window30.renewal-window=30d",
		"keyward.gateway.profiles.revoking.revoke-on-renewal=true",
		"keyward.gateway.profiles.cisco.cert-rep-includes-ca=true",
		"keyward.gateway.profiles.fullchain.ca-certificates=FULL_CHAIN",
		"keyward.gateway.profiles.caonly.ca-certificates=CA_ONLY",
		"keyward.gateway.profiles.open.enforce-password=false", "keyward.gateway.profiles.open.template=open-network",
		// tests send many PKIOperations from 127.0.0.1 at once:
		// PkiOperationLimitTests tests the limits
		"keyward.gateway.limits.rate-per-client-per-second=100000", "keyward.gateway.limits.burst-per-client=100000",
		"keyward.gateway.limits.rate-per-second=100000", "keyward.gateway.limits.burst=100000",
		"keyward.gateway.limits.max-concurrent-per-client=1000", "keyward.gateway.limits.max-concurrent=1000",
		"keyward.gateway.limits.max-in-flight-bytes=1GB",
		// the finisher runs only when a test calls it; the first backoff step is
		// 1h
		"keyward.gateway.retry-interval=1h",
		// HTTPS (self-issued from the fake CA) and the management listener on
		// free
		// ports
		"keyward.gateway.tls.port=0", "management.server.port=0" })
@Import({ PostgresTestConfiguration.class, MutableClock.Configuration.class })
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

	@Autowired
	protected MutableClock clock;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("keyward.gateway.challenge-url", upstreams::url);
		registry.add("keyward.gateway.ca-url", upstreams::url);
		registry.add("keyward.gateway.service-token", () -> FakeUpstreams.SERVICE_TOKEN);
	}

	@AfterEach
	void resetUpstreams() {
		upstreams.reset();
		this.clock.reset();
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
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/x-pki-message");
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
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

	/**
	 * A PKCSReq with a good challenge while the CA answers 503: the device is told to
	 * wait (or to retry, on a profile that says FAILURE), the transaction stays open. The
	 * CA stays down until the test says otherwise.
	 * @return the transactionID
	 */
	protected String pendingEnrollment(TestDevice device, String path) throws Exception {
		String transactionId = TestDevice.newTransactionId();
		upstreams.caFailureStatus = 503;
		CertRepResponse answer = enroll(device, path, transactionId);
		assertThat(answer.status()).isIn(PkiStatus.PENDING, PkiStatus.FAILURE);
		assertThat(statusOf(transactionId)).isEqualTo("RECEIVED");
		return transactionId;
	}

	/** A PKCSReq with a good challenge, read as the device reads it. */
	protected CertRepResponse enroll(TestDevice device, String path, String transactionId) throws Exception {
		return device.read(pkiOperation(path,
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
	}

	/** A CertPoll from the device on the default profile. */
	protected byte[] poll(TestDevice device, String transactionId) throws Exception {
		return pkiOperation("/scep/default",
				device.certPoll(upstreams.ca.certificate(), ra().encryptionCertificate(), transactionId));
	}

}
