package io.keyward.gateway.ndes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.tls.HttpsPort;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NDES admin page on the gateway's ports: forwarded to the (fake) challenge-service
 * with the caller's Authorization header, its status, headers and UTF-16LE bytes returned
 * unchanged; a challenge-service that cannot answer gives 503, never 500.
 */
class NdesAdminForwardingTests extends AbstractGatewayTests {

	private static final String BASIC = "Basic Ym9vdHN0cmFwOmt3X2tleQ==";

	@Autowired
	HttpsPort httpsPort;

	@Test
	void whenAnMdmAsksThePageOverHttpThenTheChallengeServicesAnswerComesBackByteForByte() throws Exception {
		for (String path : new String[] { "/certsrv/mscep_admin/", "/certsrv/mscep_admin" }) {
			HttpResponse<byte[]> response = page(this.http, uri(path), BASIC);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).contains("text/html");
			assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
			assertThat(response.body())
				.isEqualTo(("\uFEFF<HTML>authorization=" + BASIC + "</HTML>").getBytes(StandardCharsets.UTF_16LE));
		}
		assertThat(upstreams.ndesPagePaths).containsExactly("GET /certsrv/mscep_admin/", "GET /certsrv/mscep_admin");
	}

	@Test
	void whenNoCredentialsThenTheChallengeServices401AndItsBasicChallengeComeBack() throws Exception {
		HttpResponse<byte[]> response = page(this.http, uri("/certsrv/mscep_admin/"), null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Keyward\"");
	}

	@Test
	void whenAskedOverHttpsThenAnsweredAsOverHttp() throws Exception {
		HttpClient tls = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(trustingTheCa())
			.build();
		HttpResponse<byte[]> response = page(tls,
				URI.create("https://localhost:" + this.httpsPort.port() + "/certsrv/mscep_admin/"), BASIC);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_16)).contains(BASIC);
	}

	@Test
	void whenTheChallengeServiceHangsUpOrAnswersTooMuchThenServiceUnavailable() throws Exception {
		for (String mode : new String[] { "HANG_UP", "OVERSIZED" }) {
			upstreams.ndesPage = mode;
			HttpResponse<byte[]> response = page(this.http, uri("/certsrv/mscep_admin/"), BASIC);
			assertThat(response.statusCode()).as(mode).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
			assertThat(new String(response.body(), StandardCharsets.US_ASCII)).doesNotContain("Exception");
		}
	}

	@Test
	void whenAnotherMethodThenMethodNotAllowedAndNothingForwarded() throws Exception {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri("/certsrv/mscep_admin/"))
			.header("Authorization", BASIC)
			.POST(HttpRequest.BodyPublishers.ofString("x"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(upstreams.ndesPagePaths).isEmpty();
	}

	private static HttpResponse<byte[]> page(HttpClient client, URI uri, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static SSLContext trustingTheCa() throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("ca", upstreams.ca.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

}
