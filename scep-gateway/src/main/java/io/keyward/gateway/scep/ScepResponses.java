package io.keyward.gateway.scep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes SCEP answers as bytes straight to the servlet response, so the Content-Type is
 * exactly what is set here: Apple compares it with {@code isEqualToString}, and a message
 * converter would append {@code ;charset=UTF-8} (protocol brief rule 1).
 */
final class ScepResponses {

	static final String TEXT_PLAIN = "text/plain";

	static final String CA_RA_CERT = "application/x-x509-ca-ra-cert";

	/** One DER CA certificate (RFC 8894 section 4.2.1.1). */
	static final String CA_CERT = "application/x-x509-ca-cert";

	static final String PKI_MESSAGE = "application/x-pki-message";

	static final String NEXT_CA_CERT = "application/x-x509-next-ca-cert";

	private ScepResponses() {
	}

	static void write(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/**
	 * An HTTP error with a short ASCII text: used only when no CertRep can be built.
	 */
	static void error(HttpServletResponse response, int status, String message) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		write(response, status, TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.US_ASCII));
	}

}
