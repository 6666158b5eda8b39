package io.keyward.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the scep-gateway ({@code /api/v1/transactions}) and the ca-adapter
 * ({@code /api/v1/certificates}) on one loopback port: real HTTP, canned JSON, and the
 * same bearer-token check the real services make. One instance per test JVM.
 */
public final class FakeServices {

	public static final String TOKEN = "admin-ui-test-service-token-0123456789";

	public static final String HOSTILE_SUBJECT = "CN=<script>alert(1)</script>";

	private static final FakeServices INSTANCE = new FakeServices();

	private final HttpServer server;

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private FakeServices() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v1/transactions", (exchange) -> answer(exchange, transactions()));
		this.server.createContext("/api/v1/certificates", (exchange) -> answer(exchange, certificates()));
		this.server.start();
	}

	public static FakeServices get() {
		return INSTANCE;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * @return the query strings of the authorised requests seen so far
	 */
	public List<String> queries() {
		return this.queries;
	}

	/**
	 * @return an URL where nothing listens
	 */
	public static String closedUrl() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answer(HttpExchange exchange, String json) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (!("Bearer " + TOKEN).equals(authorization)) {
				byte[] problem = "{\"title\":\"Unauthorized\",\"status\":401}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
				exchange.sendResponseHeaders(401, problem.length);
				exchange.getResponseBody().write(problem);
				return;
			}
			this.queries.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static String transactions() {
		return """
				{"items":[
				 {"transactionId":"7F3A9C01","profile":"ios","messageType":"PKCSReq","subject":"CN=iphone-4711,O=Example",
				  "status":"ISSUED","failInfo":null,"failureReason":null,"certificateSerial":"5E1F00A7C3",
				  "createdAt":"2026-03-01T10:15:30Z","updatedAt":"2026-03-01T10:15:31Z",
				  "contentEncryptionAlgorithm":"AES256/CBC","keyTransportAlgorithm":"RSA","digestAlgorithm":"SHA256",
				  "signatureAlgorithm":"SHA256WITHRSA"},
				 {"transactionId":"DEADBEEF02","profile":"routers","messageType":"PKCSReq","subject":"%s",
				  "status":"FAILED","failInfo":"badRequest","failureReason":"challenge already used",
				  "certificateSerial":null,"createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-01T09:00:00Z"},
				 {"transactionId":"CAFE03","profile":"ios","messageType":"PKCSReq","subject":"CN=ipad-42",
				  "status":"PENDING","failInfo":null,"failureReason":null,"certificateSerial":null,
				  "createdAt":"2026-03-01T08:00:00Z","updatedAt":"2026-03-01T08:00:00Z"}
				],"page":0,"size":25,"total":60}
				"""
			.formatted(HOSTILE_SUBJECT);
	}

	private static String certificates() {
		return """
				{"items":[
				 {"serialNumber":"5E1F00A7C3","subject":"CN=iphone-4711,O=Example",
				  "subjectAltNames":["dns:iphone-4711.example","email:<b>x</b>@example.com"],
				  "notBefore":"2026-03-01T10:15:31Z","notAfter":"2027-03-01T10:15:31Z","profile":"ios",
				  "template":"device","transactionId":"7F3A9C01","certificatePem":"-----BEGIN CERTIFICATE-----",
				  "issuedAt":"2026-03-01T10:15:31Z"}
				],"page":0,"size":25,"total":1}
				""";
	}

}
