package io.keyward.ca;

import java.security.cert.X509Certificate;
import java.time.Duration;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * Tests that call the ca-adapter's REST API over real HTTP with the service token, as the
 * gateway and the admin-ui do; the clock is released after each test.
 */
@CaAdapterTest
public abstract class CaApiTests {

	@LocalServerPort
	protected int port;

	@Autowired
	protected RestClient.Builder restClient;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected MutableClock clock;

	/** A client with the service token. */
	protected CertificateAuthorityClient client;

	@BeforeEach
	void serviceClient() {
		this.client = client(CaAdapterTest.SERVICE_TOKEN);
	}

	/**
	 * Back to the system clock: a test that moved it must not date the next one's
	 * certificates.
	 */
	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	protected CertificateAuthorityClient client(String token) {
		return ServiceClients.create(this.restClient, "http://127.0.0.1:" + this.port, token, Duration.ofSeconds(30),
				CertificateAuthorityClient.class);
	}

	/**
	 * @return the issuing CA's certificate, as the API answers it
	 */
	protected X509Certificate caCertificate() {
		return Certificates.parse(this.client.caCertificates().chainPem().get(0));
	}

}
