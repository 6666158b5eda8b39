package io.keyward.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a device, an MDM and an operator do with a running suite, over real HTTP, plus the
 * database look-ups the tests use to prove what was recorded.
 */
final class SuiteClient {

	private static final Pattern CORRELATION_ID = Pattern.compile("\"correlationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([0-9A-F]{32})\"");

	private final KeywardSuite suite;

	private final String apiKey;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	SuiteClient(KeywardSuite suite, String apiKey) {
		this.suite = suite;
		this.apiKey = apiKey;
	}

	String gatewayUrl(String path) {
		return "http://127.0.0.1:" + this.suite.settings().gatewayPort() + path;
	}

	String challengeUrl(String path) {
		return "http://127.0.0.1:" + this.suite.settings().challengePort() + path;
	}

	String adminUrl(String path) {
		return "http://127.0.0.1:" + this.suite.settings().adminPort() + path;
	}

	/**
	 * The MDM's call: {@code POST /api/v1/challenges} with the bootstrap API key.
	 */
	String mintChallenge() throws IOException, InterruptedException {
		return mintChallenge("default");
	}

	/**
	 * {@link #mintChallenge()} for another profile.
	 */
	String mintChallenge(String profile) throws IOException, InterruptedException {
		return mint(profile).challenge();
	}

	/**
	 * {@link #mintChallenge(String)}, with the correlation id the challenge-service
	 * answered (issue 14).
	 */
	Minted mint(String profile) throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(challengeUrl("/api/v1/challenges")))
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"" + profile + "\"}"))
			.build());
		if (response.statusCode() != 201) {
			throw new AssertionError("minting a challenge answered " + response.statusCode() + ": " + response.body());
		}
		Matcher matcher = CHALLENGE.matcher(response.body());
		if (!matcher.find()) {
			throw new AssertionError("no 32-hex challenge in " + response.body());
		}
		Matcher correlation = CORRELATION_ID.matcher(response.body());
		return new Minted(matcher.group(1), correlation.find() ? correlation.group(1) : null);
	}

	/**
	 * @param challenge the one-time challenge
	 * @param correlationId its correlation id
	 */
	record Minted(String challenge, String correlationId) {
	}

	/**
	 * A call to the gateway's REST API with the admin-ui's token, as the admin-ui makes
	 * it.
	 * @param body JSON to POST, or null for GET
	 */
	HttpResponse<String> gatewayApi(String path, String body) throws IOException, InterruptedException {
		String token = Files
			.readString(this.suite.settings().dataDir().resolve("admin-ui-token"), StandardCharsets.US_ASCII)
			.strip();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl(path)))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		return send(request.build());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * GetCACert at the NDES path, parsed as a degenerate PKCS#7.
	 */
	List<X509Certificate> caCertificates() throws IOException, InterruptedException, CertificateException {
		HttpResponse<byte[]> response = sendForBytes(HttpRequest
			.newBuilder(URI
				.create(gatewayUrl("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACert&message=default")))
			.build());
		if (response.statusCode() != 200) {
			throw new AssertionError("GetCACert answered " + response.statusCode());
		}
		return CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(response.body()))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
	}

	X509Certificate caCertificate() throws IOException, InterruptedException, CertificateException {
		return caCertificates().stream()
			.filter((certificate) -> certificate.getBasicConstraints() >= 0)
			.findFirst()
			.orElseThrow(() -> new AssertionError("GetCACert holds no CA certificate"));
	}

	/**
	 * What an admin does through the ca-adapter's API with the admin-ui's token:
	 * {@code POST /api/v1/certificates/{serial}/revoke}.
	 */
	void revoke(String serial, String reason) throws IOException, InterruptedException {
		String token = Files
			.readString(this.suite.settings().dataDir().resolve("admin-ui-token"), StandardCharsets.US_ASCII)
			.strip();
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.suite.settings().caPort() + "/api/v1/certificates/"
					+ serial + "/revoke"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"reason\":\"" + reason + "\",\"comment\":\"e2e\",\"revokedBy\":\"e2e\"}"))
			.build());
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"revoking " + serial + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	long count(String sql, Object... parameters) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.suite.jdbcUrl(), "postgres",
				this.suite.databasePassword()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Runs a statement on the suite's database (test set-up only).
	 * @return the rows it changed
	 */
	int update(String sql, Object... parameters) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.suite.jdbcUrl(), "postgres",
				this.suite.databasePassword()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
	}

	String text(String sql, Object... parameters) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.suite.jdbcUrl(), "postgres",
				this.suite.databasePassword()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

}
