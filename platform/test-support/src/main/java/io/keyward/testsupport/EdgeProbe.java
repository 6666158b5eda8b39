package io.keyward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends what an outside REST fuzzer sends to a running service (a NUL in a parameter, a
 * wildcard Content-Type, TRACE, {@code //} in a path, {@code /error} itself) and reads
 * the answer as {@code "<status> <content type>"} plus the body: each service's tests
 * check through their real security chain that the answer is an RFC 9457 problem.
 */
public final class EdgeProbe {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final String base;

	private final String token;

	/**
	 * @param port the service's port
	 * @param token a bearer token, or {@code null} to send none
	 */
	public EdgeProbe(int port, String token) {
		this.port = port;
		this.base = "http://127.0.0.1:" + port;
		this.token = token;
	}

	/**
	 * @param pathAndQuery sent as written, not normalised
	 * @param contentType the Content-Type of a JSON body, or {@code null} for no body
	 */
	public Answer send(String method, String pathAndQuery, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes the request as given, byte for byte, for what an HTTP client would refuse to
	 * send (a path with bad %-encoding, a malformed Host or Content-Length).
	 * @param head the request line and headers, without the blank line that ends them;
	 * {@code Connection: close} is added
	 */
	public Answer raw(String head) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = answer.indexOf("\r\n\r\n");
			String[] lines = answer.substring(0, Math.max(end, 0)).split("\r\n");
			String contentType = "";
			for (String line : lines) {
				if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
					contentType = line.substring(13).trim();
				}
			}
			String status = (lines.length > 0 && lines[0].length() >= 12) ? lines[0].substring(9, 12) : "";
			return new Answer(status + " " + contentType, (end < 0) ? "" : answer.substring(end + 4));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Answer get(String pathAndQuery) {
		return send("GET", pathAndQuery, null, null);
	}

	public Answer postJson(String path, String json) {
		return send("POST", path, "application/json", json);
	}

	/**
	 * @param status the status code and content type, e.g.
	 * {@code 400 application/problem+json}
	 * @param body the body
	 */
	public record Answer(String status, String body) {

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
