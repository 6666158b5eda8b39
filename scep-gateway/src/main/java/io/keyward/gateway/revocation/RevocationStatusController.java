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
		relay(response, PKIX_CRL, () -> this.certificateAuthority.crl(caName));
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
		relay(response, OCSP_RESPONSE, () -> this.certificateAuthority.ocsp(body));
	}

	@GetMapping("/ocsp/**")
	void ocspByGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String encoded = request.getRequestURI().substring(request.getContextPath().length() + "/ocsp/".length());
		byte[] der;
		try {
			der = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII).strip());
		}
		catch (IllegalArgumentException ex) {
			text(response, HttpStatus.BAD_REQUEST, "not a base64 OCSP request");
			return;
		}
		relay(response, OCSP_RESPONSE, () -> this.certificateAuthority.ocsp(der));
	}

	private void relay(HttpServletResponse response, String contentType, Call call) throws IOException {
		byte[] body;
		try {
			body = call.get();
		}
		catch (HttpClientErrorException.NotFound ex) {
			text(response, HttpStatus.NOT_FOUND, "no such CRL");
			return;
		}
		catch (RestClientException ex) {
			log.warn("event=ca_unreachable detail=\"{}\"", LogText.printable(ex.toString()));
			text(response, HttpStatus.SERVICE_UNAVAILABLE, "CA not reachable, retry later");
			return;
		}
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

}
