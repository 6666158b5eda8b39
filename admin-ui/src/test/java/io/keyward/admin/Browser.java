package io.keyward.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser over real HTTP: keeps cookies, does not follow redirects, posts forms
 * the way a browser does.
 */
public final class Browser {

	private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	/** What browsers send, so error answers come as HTML pages, not JSON. */
	private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	private final String base;

	private final HttpClient http;

	public Browser(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", ACCEPT).GET().build());
	}

	/**
	 * A download: the body as bytes.
	 */
	public HttpResponse<byte[]> getBytes(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	public HttpResponse<String> post(String path, Map<String, String> form) {
		return submit("POST", path, form);
	}

	/**
	 * @param method POST, or PUT, PATCH, DELETE as a script would send them
	 */
	public HttpResponse<String> submit(String method, String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", ACCEPT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Sign in through the real login page: fetch it, take the CSRF token from the form,
	 * post the credentials with it.
	 * @return the answer to the login POST
	 */
	public HttpResponse<String> login(String username, String password) {
		String token = csrfToken(get("/login").body());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", token);
		return post("/login", form);
	}

	/**
	 * @return the value of the {@code _csrf} hidden input in the page
	 */
	public static String csrfToken(String html) {
		Matcher input = CSRF_INPUT.matcher(html);
		if (!input.find()) {
			throw new AssertionError("no _csrf input in the page:\n" + html);
		}
		Matcher value = VALUE.matcher(input.group());
		if (!value.find()) {
			throw new AssertionError("the _csrf input has no value: " + input.group());
		}
		return value.group(1);
	}

	private HttpResponse<String> send(HttpRequest request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request, body);
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
