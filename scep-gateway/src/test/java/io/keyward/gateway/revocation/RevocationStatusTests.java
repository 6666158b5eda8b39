package io.keyward.gateway.revocation;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway relays the CRL and OCSP from the ca-adapter without credentials from the
 * caller, with the content types relying parties expect, and never answers 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevocationStatusTests extends AbstractGatewayTests {

	@Test
	void whenTheCrlIsFetchedThenTheCaAdaptersBytesComeAsPkixCrl() throws Exception {
		HttpResponse<byte[]> response = get("/crl/root.crl");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
		assertThat(response.body()).isEqualTo(FakeUpstreams.ROOT_CRL);
	}

	@Test
	void whenTheCaNameIsUnknownOrOddThenNotFound() throws Exception {
		assertThat(get("/crl/other.crl").statusCode()).isEqualTo(404);
		assertThat(get("/crl/a%20b.crl").statusCode()).isEqualTo(404);
		assertThat(get("/crl/root").statusCode()).isIn(401, 403, 404);
	}

	@Test
	void whenOcspIsPostedThenTheRequestIsRelayedAndTheAnswerIsAnOcspResponse() throws Exception {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri("/ocsp"))
			.header("Content-Type", "application/ocsp-request")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1, 2, 3 }))
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
		assertThat(response.body()).containsExactly(3, 2, 1);
	}

	@Test
	void whenOcspComesByGetThenTheUrlEncodedBase64IsDecoded() throws Exception {
		// base64 "+/+/" needs URL-encoding (RFC 6960 appendix A.1)
		byte[] request = { (byte) 0xfb, (byte) 0xff, (byte) 0xbf };

		HttpResponse<byte[]> response = get("/ocsp/" + URLEncoder.encode(base64(request), StandardCharsets.US_ASCII));

		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		assertThat(response.body()).containsExactly(0xbf, 0xff, 0xfb);
		assertThat(get("/ocsp/not*base64").statusCode()).isEqualTo(400);
	}

	@Test
	void whenTheOcspRequestIsTooLargeThenRefusedUnread() throws Exception {
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri("/ocsp"))
			.header("Content-Type", "application/ocsp-request")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[RevocationStatusController.MAX_OCSP_REQUEST + 1]))
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(413);
	}

	/**
	 * Fuzz report: {@code GET /ocsp} was a 500 (StringIndexOutOfBoundsException),
	 * {@code GET /ocsp/} and an empty POST were relayed, refused by the ca-adapter with
	 * 400 and answered 503 "CA not reachable".
	 */
	@Test
	void whenTheOcspRequestIsEmptyThenMalformedRequestWithoutAskingTheCa() throws Exception {
		List<HttpResponse<byte[]>> answers = List.of(get("/ocsp"), get("/ocsp/"),
				this.http.send(HttpRequest.newBuilder(uri("/ocsp"))
					.header("Content-Type", "application/ocsp-request")
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofByteArray()));
		for (HttpResponse<byte[]> response : answers) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
			assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
		}
	}

	@Test
	void whenTheCaAdapterRefusesTheRequestThenMalformedRequestNotAnOutage(CapturedOutput output) throws Exception {
		upstreams.caFailureStatus = 400;
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri("/ocsp"))
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 }))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
			assertThat(get("/crl/root.crl").statusCode()).isEqualTo(400);
			assertThat(output).doesNotContain("event=ca_unreachable");
		}
		finally {
			upstreams.caFailureStatus = null;
		}
	}

	@Test
	void whenTheCaAdapterRefusesTheGatewaysTokenThenAnOutageNotTheCallersMistake(CapturedOutput output)
			throws Exception {
		upstreams.caFailureStatus = 403;
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri("/ocsp"))
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 }))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(get("/crl/root.crl").statusCode()).isEqualTo(503);
			assertThat(output).contains("event=ca_unreachable").doesNotContain("event=ca_refused_request");
		}
		finally {
			upstreams.caFailureStatus = null;
		}
	}

	@Test
	void whenTheCaAdapterIsDownThenServiceUnavailable() throws Exception {
		upstreams.caFailureStatus = 503;

		assertThat(get("/crl/root.crl").statusCode()).isEqualTo(503);
		assertThat(this.http
			.send(HttpRequest.newBuilder(uri("/ocsp"))
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1 }))
				.build(), HttpResponse.BodyHandlers.ofByteArray())
			.statusCode()).isEqualTo(503);
	}

}
