package io.keyward.gateway.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The CRL and the OCSP responder on the gateway's port, the one devices and relying
 * parties reach; the ca-adapter builds and signs both, this only relays them. Every fetch
 * asks the ca-adapter, so a revocation shows in the next one.
 * <ul>
 * <li>{@code GET /crl/<ca name>.crl}: the CA's newest CRL, DER, as
 * {@code application/pkix-crl} (RFC 5280 section 4.2.1.13, RFC 2585 section 4.2).</li>
 * <li>{@code POST /ocsp} with an {@code application/ocsp-request} body and
 * {@code GET /ocsp/<base64 of the DER request, URL-encoded>} (RFC 6960 appendix A.1),
 * answered {@code application/ocsp-response}.</li>
 * </ul>
 */
@Controller
class RevocationStatusController {

	private static final Logger log = LoggerFactory.getLogger(RevocationStatusController.class);

	static final String PKIX_CRL = "application/pkix-crl";

	static final String OCSP_RESPONSE = "application/ocsp-response";

	/** An OCSP request for a handful of certificates is a few hundred bytes. */
	static final int MAX_OCSP_REQUEST = 64 * 1024;

	/**
	 * The unsigned OCSPResponse with responseStatus malformedRequest (RFC 6960 section
	 * 4.2.1): {@code SEQUENCE { ENUMERATED 1 }}, what the ca-adapter sends for a request
	 * it cannot parse.
	 */
	private static final byte[] MALFORMED_REQUEST = { 0x30, 0x03, 0x0a, 0x01, 0x01 };

	private final CertificateAuthorityClient certificateAuthority;

	RevocationStatusController(CertificateAuthorityClient certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
	}

	@GetMapping("/crl/{caName}.crl")
	void crl(@PathVariable String caName, HttpServletResponse response) throws IOException {
		if (!caName.matches("[A-Za-z0-9._-]{1,64}")) {
			text(response, HttpStatus.NOT_FOUND, "no such CRL");
			return;
		}
		relay(response, PKIX_CRL, () -> this.certificateAuthority.crl(caName),
				() -> text(response, HttpStatus.BAD_REQUEST, "CRL request refused by the CA"));
	}

	@PostMapping("/ocsp")
	void ocspByPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_OCSP_REQUEST + 1);
		}
		if (body.length > MAX_OCSP_REQUEST) {
			text(response, HttpStatus.CONTENT_TOO_LARGE, "OCSP request too large");
			return;
		}
		ocsp(response, body);
	}

	/**
	 * {@code GET /ocsp} without a request, {@code /ocsp/} with an empty one, and
	 * {@code /ocsp/<base64>} (RFC 6960 appendix A.1).
	 */
	@GetMapping({ "/ocsp", "/ocsp/**" })
	void ocspByGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String encoded = path.startsWith("/ocsp/") ? path.substring("/ocsp/".length()) : "";
		byte[] der;
		try {
			der = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII).strip());
		}
		catch (IllegalArgumentException ex) {
			text(response, HttpStatus.BAD_REQUEST, "not a base64 OCSP request");
			return;
		}
		ocsp(response, der);
	}

	/**
	 * No bytes are no OCSPRequest: answered here as the ca-adapter answers any request it
	 * cannot parse, {@code malformedRequest} (RFC 6960 section 2.3), instead of being
	 * sent to the ca-adapter, which refuses an empty body with 400. Any 4xx the
	 * ca-adapter answers is the caller's malformed request too, never an outage (fuzz
	 * report: it was relayed as 503 "CA not reachable").
	 */
	private void ocsp(HttpServletResponse response, byte[] der) throws IOException {
		if (der.length == 0) {
			write(response, OCSP_RESPONSE, MALFORMED_REQUEST);
			return;
		}
		relay(response, OCSP_RESPONSE, () -> this.certificateAuthority.ocsp(der),
				() -> write(response, OCSP_RESPONSE, MALFORMED_REQUEST));
	}

	/**
	 * @param refused what to answer when the ca-adapter refuses the request with a 4xx
	 * (other than a CRL's 404, and a 401 or 403 for the gateway's own token): the caller
	 * asked for something malformed, the CA is fine
	 */
	private void relay(HttpServletResponse response, String contentType, Call call, Answer refused) throws IOException {
		byte[] body;
		try {
			body = call.get();
		}
		catch (HttpClientErrorException.NotFound ex) {
			text(response, HttpStatus.NOT_FOUND, "no such CRL");
			return;
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() != 401 && ex.getStatusCode().value() != 403) {
				log.info("event=ca_refused_request status={} detail=\"{}\"", ex.getStatusCode().value(),
						LogText.printable(ex.getStatusText()));
				refused.write();
				return;
			}
			// the gateway's own credential refused: its operator's problem, reported as
			// the
			// outage it is, not as the caller's malformed request
			log.warn("event=ca_unreachable detail=\"{}\"", LogText.printable(ex.toString()));
			text(response, HttpStatus.SERVICE_UNAVAILABLE, "CA not reachable, retry later");
			return;
		}
		catch (RestClientException ex) {
			log.warn("event=ca_unreachable detail=\"{}\"", LogText.printable(ex.toString()));
			text(response, HttpStatus.SERVICE_UNAVAILABLE, "CA not reachable, retry later");
			return;
		}
		write(response, contentType, body);
	}

	private static void write(HttpServletResponse response, String contentType, byte[] body) throws IOException {
		response.setStatus(200);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static void text(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType("text/plain");
		response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.US_ASCII));
	}

	@FunctionalInterface
	private interface Call {

		byte[] get();

	}

	@FunctionalInterface
	private interface Answer {

		void write() throws IOException;

	}

}
