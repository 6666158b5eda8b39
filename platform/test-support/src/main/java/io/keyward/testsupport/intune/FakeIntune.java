package io.keyward.testsupport.intune;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entra's token endpoint, Graph's service discovery and Intune's SCEP validation and
 * revocation APIs on loopback, checking every header and body field the connector library
 * sends (protocol brief section 6) and recording each call. Anything missing or wrong is
 * recorded in {@link #violations}. Tokens can be expired, discovery broken, and each
 * Intune call answered with a code, a 5xx or a delay.
 */
public final class FakeIntune implements AutoCloseable {

	public static final String TENANT = "contoso.onmicrosoft.com";

	public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";

	public static final String SECRET = "fake-intune-app-secret";

	public static final String PROVIDER = "Keyward SCEP test";

	public static final String INTUNE_SCOPE = "https://api.manage.microsoft.com/.default";

	public static final String CA_TOKEN = "challenge-service-ca-token-0123456789";

	/** A serial the fake ca-adapter does not know. */
	public static final String UNKNOWN_SERIAL = "0DEAD0";

	public static final String INTUNE_APP = "0000000a-0000-0000-c000-000000000000";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public final List<String> violations = new CopyOnWriteArrayList<>();

	/** Each call in arrival order, with its parsed JSON body. */
	public final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();

	public final AtomicInteger tokensIssued = new AtomicInteger();

	public final AtomicInteger discoveries = new AtomicInteger();

	/**
	 * What validateRequest answers for a transactionId not in {@link #validation}: a
	 * code, or "500", or "slow".
	 */
	public volatile String defaultValidation = "Success";

	/** What validateRequest answers per transactionId: a code, or "500", or "slow". */
	public final Map<String, String> validation = new ConcurrentHashMap<>();

	/** What successNotification answers: a code or "500". */
	public volatile String successAnswer = "Success";

	public volatile boolean discoveryBroken;

	public volatile long tokenLifetimeSeconds = 3600;

	/**
	 * The client certificate a client assertion must be signed with, or null for the
	 * secret.
	 */
	public volatile X509Certificate clientCertificate;

	/** Revocation requests handed out by the next download. */
	public final List<Map<String, Object>> revocationRequests = new CopyOnWriteArrayList<>();

	/** Serial and reason of each revocation asked of the ca-adapter. */
	public final LinkedBlockingQueue<String> revoked = new LinkedBlockingQueue<>();

	private final Map<String, String> tokenScopes = new ConcurrentHashMap<>();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	public FakeIntune() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	public String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	public String graphScope() {
		return base() + ".default";
	}

	/** Every token handed out so far is refused from now on (as if expired early). */
	public void revokeTokens() {
		this.tokenScopes.clear();
	}

	public Call next(String suffix) throws InterruptedException {
		for (Call call; (call = this.calls.poll(10, TimeUnit.SECONDS)) != null;) {
			if (call.path().endsWith(suffix)) {
				return call;
			}
		}
		throw new AssertionError("no call to " + suffix);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
				token(exchange, new String(body, StandardCharsets.UTF_8));
			}
			else if (path.equals("/graph/v1.0/servicePrincipals/appId=" + INTUNE_APP + "/endpoints")) {
				discovery(exchange);
			}
			else if (path.startsWith("/intune/")) {
				intune(exchange, path, body);
			}
			else if (path.startsWith("/api/v1/certificates/") && path.endsWith("/revoke")) {
				// the ca-adapter's revocation, as the challenge-service's caller
				check("ca-adapter token", "Bearer " + CA_TOKEN, exchange.getRequestHeaders().getFirst("Authorization"));
				String serial = path.split("/")[4];
				this.revoked.add(serial + " " + JSON.readValue(body, Map.class).get("reason"));
				answer(exchange, serial.equals(UNKNOWN_SERIAL) ? 404 : 200, "{}");
			}
			else {
				answer(exchange, 404, "{}");
			}
		}
	}

	private void token(HttpExchange exchange, String form) throws IOException {
		Map<String, String> fields = new HashMap<>();
		for (String pair : form.split("&")) {
			String[] kv = pair.split("=", 2);
			fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
		}
		check("token content type", "application/x-www-form-urlencoded",
				exchange.getRequestHeaders().getFirst("Content-Type").split(";")[0]);
		check("grant_type", "client_credentials", fields.get("grant_type"));
		check("client_id", CLIENT_ID, fields.get("client_id"));
		String scope = fields.get("scope");
		if (!Set.of(INTUNE_SCOPE, graphScope()).contains(scope)) {
			violation("unexpected scope " + scope);
		}
		if (this.clientCertificate != null) {
			check("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
					fields.get("client_assertion_type"));
			checkAssertion(fields.get("client_assertion"), exchange);
			check("no client_secret", null, fields.get("client_secret"));
		}
		else if (!SECRET.equals(fields.get("client_secret"))) {
			answer(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		String token = "tok-" + this.tokensIssued.incrementAndGet() + "-" + UUID.randomUUID();
		this.tokenScopes.put(token, scope);
		answer(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + this.tokenLifetimeSeconds
				+ ",\"access_token\":\"" + token + "\"}");
	}

	private void checkAssertion(String jwt, HttpExchange exchange) {
		try {
			String[] parts = jwt.split("\\.");
			Map<?, ?> header = JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
			Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
			check("alg", "RS256", header.get("alg"));
			check("x5t",
					Base64.getUrlEncoder()
						.withoutPadding()
						.encodeToString(MessageDigest.getInstance("SHA-1").digest(this.clientCertificate.getEncoded())),
					header.get("x5t"));
			check("aud", base() + TENANT + "/oauth2/v2.0/token", claims.get("aud"));
			check("iss", CLIENT_ID, claims.get("iss"));
			check("sub", CLIENT_ID, claims.get("sub"));
			if (!(claims.get("jti") instanceof String) || !(claims.get("exp") instanceof Number)) {
				violation("assertion without jti or exp");
			}
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(this.clientCertificate.getPublicKey());
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
				violation("client assertion signature invalid");
			}
		}
		catch (Exception ex) {
			violation("client assertion unreadable: " + ex);
		}
	}

	private void discovery(HttpExchange exchange) throws IOException {
		this.discoveries.incrementAndGet();
		if (!authorized(exchange, graphScope())) {
			answer(exchange, 401, "{}");
			return;
		}
		if (this.discoveryBroken) {
			answer(exchange, 503, "{}");
			return;
		}
		answer(exchange, 200,
				"{\"value\":[{\"providerName\":\"ScepRequestValidationFEService\",\"uri\":\"" + base()
						+ "intune/scep\"},{\"providerName\":\"PkiConnectorFEService\",\"uri\":\"" + base()
						+ "intune/pki/\"},{\"providerName\":\"SomethingElse\",\"uri\":\"https://example.invalid\"}]}");
	}

	private void intune(HttpExchange exchange, String path, byte[] raw) throws IOException {
		if (!authorized(exchange, INTUNE_SCOPE)) {
			answer(exchange, 401, "{}");
			return;
		}
		var headers = exchange.getRequestHeaders();
		check("content-type", "application/json", headers.getFirst("Content-Type").split(";")[0]);
		check("UserAgent", PROVIDER, headers.getFirst("UserAgent"));
		UUID.fromString(String.valueOf(headers.getFirst("client-request-id")));
		Map<?, ?> body = JSON.readValue(raw, Map.class);
		Call call = new Call(path, headers.getFirst("api-version"), headers.getFirst("client-request-id"), body);
		this.calls.add(call);
		if (path.startsWith("/intune/scep/ScepActions/")) {
			check("api-version", "2018-02-20", call.apiVersion());
			scep(exchange, path.substring("/intune/scep/ScepActions/".length()), body);
		}
		else {
			check("api-version", "5019-05-05", call.apiVersion());
			pki(exchange, path, body);
		}
	}

	private void scep(HttpExchange exchange, String action, Map<?, ?> body) throws IOException {
		Map<?, ?> inner = (Map<?, ?>) body.get(action.equals("validateRequest") ? "request" : "notification");
		String transactionId = String.valueOf(inner.get("transactionId"));
		check("callerInfo", PROVIDER, inner.get("callerInfo"));
		checkCsr(inner.get("certificateRequest"));
		String reply = "Success";
		if (action.equals("validateRequest")) {
			check("validateRequest fields", 3, inner.size());
			reply = this.validation.getOrDefault(transactionId, this.defaultValidation);
		}
		else if (action.equals("successNotification")) {
			for (String field : List.of("certificateThumbprint", "certificateSerialNumber",
					"certificateExpirationDateUtc", "issuingCertificateAuthority", "caConfiguration",
					"certificateAuthority")) {
				if (!(inner.get(field) instanceof String value) || value.isBlank()) {
					violation("successNotification without " + field);
				}
			}
			Instant.parse(String.valueOf(inner.get("certificateExpirationDateUtc")));
			reply = this.successAnswer;
		}
		else if (action.equals("failureNotification")) {
			if (!(inner.get("hResult") instanceof Number) || !(inner.get("errorDescription") instanceof String text)
					|| text.length() > 255) {
				violation("failureNotification without hResult or a short errorDescription");
			}
		}
		else {
			violation("unknown action " + action);
		}
		if (reply.equals("500")) {
			answer(exchange, 500, "{}");
		}
		else if (reply.equals("slow")) {
			sleepQuietly();
			answer(exchange, 200, "{\"code\":\"Success\",\"errorDescription\":\"\"}");
		}
		else {
			answer(exchange, 200, "{\"code\":\"" + reply + "\",\"errorDescription\":\"fake " + reply + "\"}");
		}
	}

	private void pki(HttpExchange exchange, String path, Map<?, ?> body) throws IOException {
		if (path.equals("/intune/pki/CertificateAuthorityRequests/downloadRevocationRequests")) {
			Map<?, ?> parameters = (Map<?, ?>) body.get("downloadParameters");
			if (!(parameters.get("maxRequests") instanceof Number max) || max.intValue() < 1 || max.intValue() > 500
					|| !parameters.containsKey("issuerName")) {
				violation("downloadParameters " + parameters);
			}
			List<Map<String, Object>> handed = new ArrayList<>(this.revocationRequests);
			this.revocationRequests.clear();
			answer(exchange, 200, JSON.writeValueAsString(Map.of("value", handed)));
		}
		else if (path.equals("/intune/pki/CertificateAuthorityRequests/uploadRevocationResults")) {
			if (!(body.get("results") instanceof List<?>)) {
				violation("uploadRevocationResults without results");
			}
			answer(exchange, 200, "{\"value\":true}");
		}
		else {
			answer(exchange, 404, "{}");
		}
	}

	private void checkCsr(Object csr) {
		try {
			new PKCS10CertificationRequest(Base64.getDecoder().decode(String.valueOf(csr)));
		}
		catch (Exception ex) {
			violation("certificateRequest is not base64 of a PKCS#10: " + ex);
		}
	}

	private boolean authorized(HttpExchange exchange, String scope) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		return authorization != null && authorization.startsWith("Bearer ")
				&& scope.equals(this.tokenScopes.get(authorization.substring(7)));
	}

	private void check(String what, Object expected, Object actual) {
		if (!java.util.Objects.equals(expected, actual)) {
			violation(what + ": expected " + expected + " but was " + actual);
		}
	}

	private void violation(String text) {
		this.violations.add(text);
	}

	private static void sleepQuietly() {
		try {
			// longer than the client's timeout in these tests: a hung Intune
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/**
	 * One call to an Intune API.
	 */
	public record Call(String path, String apiVersion, String clientRequestId, Map<?, ?> body) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> inner(String key) {
			return (Map<String, Object>) this.body.get(key);
		}

	}

}
