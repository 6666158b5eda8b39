package io.keyward.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of a SCEP server (RFC 8894 section 4): one JDK client, HTTP/1.1 with
 * keep-alive, shared by all workers so connections are reused as a device fleet behind a
 * proxy would.
 */
final class ScepEndpoint implements AutoCloseable {

	private final URI url;

	private final String caIdent;

	private final Duration timeout;

	private final HttpClient http;

	ScepEndpoint(URI url, String caIdent, Duration timeout) {
		this.url = url;
		this.caIdent = caIdent;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpResponse<byte[]> get(String operation) throws IOException, InterruptedException {
		String query = "operation=" + operation;
		if (this.caIdent != null) {
			query += "&message=" + URLEncoder.encode(this.caIdent, StandardCharsets.UTF_8);
		}
		return this.http.send(HttpRequest.newBuilder(withQuery(query)).timeout(this.timeout).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * POST PKIOperation (section 4.3): the raw DER pkiMessage as the body.
	 */
	HttpResponse<byte[]> pkiOperation(byte[] pkiMessage) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(withQuery("operation=PKIOperation"))
			.timeout(this.timeout)
			.header("Content-Type", "application/x-pki-message")
			.POST(HttpRequest.BodyPublishers.ofByteArray(pkiMessage))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI withQuery(String query) {
		String base = this.url.toString();
		return URI.create(base + (base.contains("?") ? "&" : "?") + query);
	}

	@Override
	public void close() {
		this.http.close();
	}

}
