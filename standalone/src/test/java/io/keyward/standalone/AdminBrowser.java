package io.keyward.standalone;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin's browser does with the dashboard: keep the session cookie, read the CSRF
 * token from the login form and post it back.
 */
final class AdminBrowser {

	private static final Pattern CSRF = Pattern
		.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	AdminBrowser(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	AdminBrowser signIn(String username, String password) throws IOException, InterruptedException {
		String form = get("/login");
		Matcher matcher = CSRF.matcher(form);
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token in the login form:\n" + form);
		}
		String token = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("error")) {
			throw new AssertionError("sign-in failed: " + response.statusCode() + " " + location);
		}
		return this;
	}

	String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode());
		}
		return response.body();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
