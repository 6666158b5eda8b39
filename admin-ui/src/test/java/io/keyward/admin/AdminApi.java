package io.keyward.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A caller of the admin API over real HTTP, with a bearer token (or none).
 */
public final class AdminApi {

	private final String base;

	private final String token;

	private final HttpClient http = HttpClient.newHttpClient();

	public AdminApi(int port, String token) {
		this.base = "http://127.0.0.1:" + port;
		this.token = token;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * @param method any HTTP method; a JSON body of {@code {}} goes with every one but
	 * GET
	 */
	public HttpResponse<String> send(String method, String path) {
		HttpRequest.BodyPublisher body = "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString("{}");
		return send(request(path).header("Content-Type", "application/json").method(method, body));
	}

	public HttpResponse<String> delete(String path) {
		return send(request(path).DELETE());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json");
		return (this.token != null) ? builder.header("Authorization", "Bearer " + this.token) : builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
