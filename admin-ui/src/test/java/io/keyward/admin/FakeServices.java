package io.keyward.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Stands in for the scep-gateway ({@code /api/v1/transactions}, {@code /api/v1/ra}) and
 * the ca-adapter ({@code /api/v1/certificates}, {@code /api/v1/authorities}) and the
 * challenge-service's MDM API clients ({@code /internal/v1/api-clients}) on one loopback
 * port: real HTTP, JSON in the services' contracts, the same bearer-token check the real
 * services make, and just enough state for revocations and approval decisions. One
 * instance per test JVM.
 */
public final class FakeServices {

	public static final String TOKEN = "admin-ui-test-service-token-0123456789";

	/** The request search's cursor to its second page. */
	public static final String SEARCH_CURSOR = "c2Vjb25k";

	public static final String HOSTILE_SUBJECT = "CN=<script>alert(1)</script>";

	/**
	 * The subject a certificate search containing "formula" finds: a spreadsheet formula.
	 */
	public static final String FORMULA_SUBJECT = "=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")";

	/** The one certificate the fake CA knows. */
	public static final String SERIAL = "5E1F00A7C3";

	/**
	 * A serial whose first byte is below 0x10, as gateways before the one formatter
	 * recorded it: without its leading zero ({@code openssl} prints
	 * {@code 0FCB04A6C3D2}).
	 */
	public static final String OLD_SERIAL = "FCB04A6C3D2";

	/** The root the fake CA's chain ends in (self-signed). */
	private static final String ROOT_SUBJECT = "CN=Keyward Test Root,O=Keyward";

	private static final String ROOT_PEM = selfSignedPem(new X500Name(ROOT_SUBJECT), new X500Name(ROOT_SUBJECT),
			"0A1B");

	/** The challenge-service's one dead webhook delivery; its last error is hostile. */
	public static final long DEAD_DELIVERY_ID = 7;

	/** The one request waiting for approval. */
	public static final String WAITING_ID = "0b5c6a52-9d1e-4a8f-8f41-3c2b9a6e7d10";

	/** The correlation id of the ISSUED transaction and its certificate (issue 14). */
	public static final String CORRELATION_ID = "3d0c5f1e-8b7a-4c2d-9e6f-1a2b3c4d5e6f";

	private static final Pattern SERIAL_PATH = Pattern.compile("/api/v1/certificates/([0-9A-Fa-f]+)(/revoke)?");

	private static final Pattern DECISION_PATH = Pattern
		.compile("/api/v1/transactions/([0-9a-fA-F-]+)/(approve|reject)");

	private static final FakeServices INSTANCE = new FakeServices();

	private final HttpServer server;

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final Map<String, String> decisions = new ConcurrentHashMap<>();

	private final FakeMdmClients mdmClients = new FakeMdmClients();

	private final FakeChallenges challenges = new FakeChallenges(this.mdmClients);

	private final String certificatePem = certificatePem();

	private volatile String revocation;

	/** A delivered webhook delivery, queued before the dead one. */
	public static final long DELIVERED_DELIVERY_ID = 6;

	/** Whether the one dead webhook delivery ({@link #DEAD_DELIVERY_ID}) was replayed. */
	private volatile boolean deadLetterReplayed;

	/** The next CA's switch-over once one was prepared (JSON string or null). */
	private volatile String nextCaSwitchAt;

	private FakeServices() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v1/transactions", this::transactions);
		this.server.createContext("/api/v1/refusals", this::refusals);
		this.server.createContext("/api/v1/ra", (exchange) -> answer(exchange, 200, ra()));
		this.server.createContext("/api/v1/ra/tls", (exchange) -> {
			if (authorised(exchange)) {
				answer(exchange, 200, """
						[{"serialNumber":"7B","subject":"CN=gateway.example","notBefore":"2026-01-01T00:00:00Z",
						  "notAfter":"2026-03-20T12:00:00Z"}]
						""");
			}
		});
		this.server.createContext("/api/v1/statistics/enrollments", (exchange) -> {
			if (authorised(exchange)) {
				answer(exchange, 200, enrollmentStatistics());
			}
		});
		this.server.createContext("/api/v1/statistics/certificates", (exchange) -> {
			if (authorised(exchange)) {
				answer(exchange, 200, """
						{"at":"2026-03-01T12:00:00Z","expiringIn7Days":3,"expiringIn30Days":17,"expiringIn90Days":42,
						 "crls":[{"caName":"root","crlNumber":12,"thisUpdate":"2026-03-01T06:00:00Z",
						 "nextUpdate":"2026-03-02T06:00:00Z"}]}
						""");
			}
		});
		this.server.createContext("/api/v1/profiles", this::profiles);
		this.server.createContext("/internal/v1/challenge-profiles", (exchange) -> {
			if (authorised(exchange)) {
				answer(exchange, 200,
						"""
								[{"name":"default","template":"default","mode":"ONE_TIME","validity":"PT1H","maxValidity":"PT168H",
								  "maxOutstanding":10000,"passwordLength":null,"singlePassword":false},
								 {"name":"printers","template":"<i>printer</i>","mode":"ONE_TIME","validity":"PT10M",
								  "maxValidity":"PT10M","maxOutstanding":0,"passwordLength":12,"singlePassword":true}]
								""");
			}
		});
		this.server.createContext("/api/v1/templates", (exchange) -> {
			if (authorised(exchange)) {
				answer(exchange, 200,
						"""
								[{"name":"default","validity":"PT8760H","keyUsage":["DIGITAL_SIGNATURE","KEY_ENCIPHERMENT"],
								  "extendedKeyUsage":["CLIENT_AUTH"],"subjectAltNames":["DNS","EMAIL","URI"],"minimumRsaBits":2048,
								  "ecCurves":["P256","P384","P521"],"subjectAttributes":["CN","O"],"subjectPatterns":{},
								  "subjectFixed":{},"sanPatterns":{},"strongMapping":false},
								 {"name":"windows-user","validity":"PT720H","keyUsage":["DIGITAL_SIGNATURE"],"extendedKeyUsage":[],
								  "subjectAltNames":["UPN"],"minimumRsaBits":3072,"ecCurves":[],"subjectAttributes":["CN"],
								  "subjectPatterns":{"CN":"<b>[a-z]+</b>"},"subjectFixed":{"O":"Keyward Tests"},
								  "sanPatterns":{"UPN":"[a-z]+@corp\\\\.example"},"strongMapping":true}]
								""");
			}
		});
		this.server.createContext("/api/v1/certificates", this::certificates);
		this.server.createContext("/api/v1/authorities", (exchange) -> answer(exchange, 200, authorities()));
		this.server.createContext("/api/v1/ca", this::ca);
		this.server.createContext("/internal/v1/api-clients", this::apiClients);
		this.server.createContext("/internal/v1/webhook-deliveries", this::webhookDeliveries);
		this.server.createContext("/internal/v1/challenge-lives", this::challengeLife);
		this.server.createContext("/internal/v1/challenges", this::challenges);
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
	 * @return the bodies of the authorised POSTs seen so far
	 */
	public List<String> bodies() {
		return this.bodies;
	}

	/**
	 * @return the DER of the CA certificate {@code /api/v1/ca} publishes
	 */
	public byte[] caCertificateDer() {
		String base64 = this.certificatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

	/**
	 * Forget revocations and decisions.
	 */
	public void reset() {
		this.revocation = null;
		this.decisions.clear();
		this.nextCaSwitchAt = null;
		this.mdmClients.reset();
		this.challenges.reset();
		this.deadLetterReplayed = false;
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

	/** {@code GET /api/v1/refusals}: one refusal whose profile carries markup. */
	private void refusals(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		answer(exchange, 200, """
				{"items":[{"occurredAt":"2026-03-01T11:00:00Z","profile":"<b>nope</b>","transactionId":"REFUSED01",
				 "messageType":"PKCSReq","failInfo":"badRequest","reason":"challengePassword missing"}],
				 "page":0,"size":25,"total":1,"profiles":["<b>nope</b>"],"failInfos":["badRequest"]}
				""");
	}

	private void transactions(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		Matcher decision = DECISION_PATH.matcher(exchange.getRequestURI().getPath());
		if (decision.matches()) {
			String id = decision.group(1);
			if (!WAITING_ID.equals(id)) {
				answer(exchange, 404, problem(404, "no transaction with id " + id));
			}
			else if (this.decisions.putIfAbsent(id, decision.group(2)) != null) {
				answer(exchange, 409, problem(409, "the request is not waiting for approval"));
			}
			else {
				answer(exchange, 200, waiting(decision.group(2).equals("approve") ? "ISSUED" : "FAILED"));
			}
			return;
		}
		String query = String.valueOf(exchange.getRequestURI().getQuery());
		if (query.contains("status=WAITING_APPROVAL")) {
			String items = this.decisions.containsKey(WAITING_ID) ? "" : waiting("WAITING_APPROVAL");
			answer(exchange, 200,
					"{\"items\":[" + items + "],\"page\":0,\"size\":25,\"total\":" + (items.isEmpty() ? 0 : 1) + "}");
			return;
		}
		if (query.contains("q=status:waiting")) {
			String items = this.decisions.containsKey(WAITING_ID) ? "" : waiting("WAITING_APPROVAL");
			answer(exchange, 200, "{\"items\":[" + items + "],\"page\":0,\"size\":25,\"total\":-1," + "\"nextCursor\":"
					+ (query.contains("after=") ? "null" : "\"" + SEARCH_CURSOR + "\"") + "}");
			return;
		}
		if (query.contains("q=bad")) {
			answer(exchange, 400,
					problem(400, "status: must be pending, waiting, issued, refused, expired or rejected"));
			return;
		}
		if (query.contains("q=")) {
			answer(exchange, 200, searchPage(query));
			return;
		}
		if (query.contains("correlationId=")) {
			boolean known = query.contains("correlationId=" + CORRELATION_ID);
			answer(exchange, 200, known ? correlatedPage() : "{\"items\":[],\"page\":0,\"size\":100,\"total\":0}");
			return;
		}
		// the list shows a row recorded before the formatter; the certificate's own
		// transaction (looked up by transactionID) names it as the CA does
		answer(exchange, 200, transactionPage(query.contains("transactionId=") ? SERIAL : OLD_SERIAL));
	}

	private void webhookDeliveries(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/internal/v1/webhook-deliveries/replay")) {
			int replayed = this.deadLetterReplayed ? 0 : 1;
			this.deadLetterReplayed = true;
			answer(exchange, 200, "{\"replayed\":" + replayed + "}");
		}
		else if (path.equals("/internal/v1/webhook-deliveries/" + DEAD_DELIVERY_ID + "/replay")
				&& !this.deadLetterReplayed) {
			this.deadLetterReplayed = true;
			answer(exchange, 200, "{\"replayed\":1}");
		}
		else if (path.endsWith("/replay")) {
			answer(exchange, 404, problem(404, "no dead delivery"));
		}
		else if (path.equals("/internal/v1/webhook-deliveries/page")) {
			answer(exchange, 200, deliveryPage(exchange.getRequestURI().getQuery()));
		}
		else if (String.valueOf(exchange.getRequestURI().getQuery()).contains("correlationId=")) {
			// the notifications of one enrollment: a delivered ISSUED event, whose
			// receiver's
			// last answer is markup
			boolean known = exchange.getRequestURI().getQuery().contains("correlationId=" + CORRELATION_ID);
			answer(exchange, 200, !known ? "[]" : """
					[{"id":41,"eventId":"0b7d1c52-9a3e-4c4f-8f0e-2d5a6b7c8d90","eventType":"ISSUED",
					  "occurredAt":"2026-12-05T10:00:01Z","webhook":"mdm-notify","target":"https://mdm.example/hook",
					  "status":"DELIVERED","attempts":2,"lastError":"%s","lastAttemptAt":"2026-12-05T10:00:05Z"}]"""
				.formatted("<b>503</b>"));
		}
		else {
			answer(exchange, 200, this.deadLetterReplayed ? "[]" : """
					[{"id":%d,"eventId":"6f1c0c8e-3c9b-4d8e-9a57-6f4a1d0b2f11","eventType":"REVOKED",
					  "occurredAt":"2026-12-05T10:00:00Z","webhook":"siem","target":"https://siem.example/hook",
					  "status":"DEAD","attempts":8,"lastError":"%s","lastAttemptAt":"2026-12-05T11:00:00Z"}]"""
				.formatted(DEAD_DELIVERY_ID, HOSTILE_SUBJECT));
		}
	}

	/**
	 * {@code GET /internal/v1/webhook-deliveries/page}: the one dead delivery (until
	 * replayed) and {@link #DELIVERED_DELIVERY_ID}, delivered before it, filtered by
	 * state, type and webhook and sorted by id as the real service does (its SQL is
	 * tested in challenge-service's {@code WebhookDeliveryListTests}); a state it does
	 * not know is a 400 problem.
	 */
	private String deliveryPage(String rawQuery) {
		Map<String, String> query = new HashMap<>();
		for (String pair : String.valueOf(rawQuery).split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], (parts.length > 1) ? parts[1] : "");
		}
		List<String> rows = new ArrayList<>();
		rows.add("""
				{"id":%d,"eventId":"0b7d1c52-9a3e-4c4f-8f0e-2d5a6b7c8d91","eventType":"ISSUED",
				 "occurredAt":"2026-12-05T09:00:00Z","webhook":"mdm-notify","target":"https://mdm.example/hook",
				 "status":"DELIVERED","attempts":1,"lastError":null,"lastAttemptAt":"2026-12-05T09:00:01Z",
				 "queuedAt":"2026-12-05T09:00:00Z"}""".formatted(DELIVERED_DELIVERY_ID));
		if (!this.deadLetterReplayed) {
			rows.add("""
					{"id":%d,"eventId":"6f1c0c8e-3c9b-4d8e-9a57-6f4a1d0b2f11","eventType":"REVOKED",
					 "occurredAt":"2026-12-05T10:00:00Z","webhook":"siem","target":"https://siem.example/hook",
					 "status":"DEAD","attempts":8,"lastError":"%s","lastAttemptAt":"2026-12-05T11:00:00Z",
					 "queuedAt":"2026-12-05T10:00:00Z"}""".formatted(DEAD_DELIVERY_ID, HOSTILE_SUBJECT));
		}
		String state = query.getOrDefault("state", "dead");
		List<String> kept = rows.stream()
			.filter((row) -> state.equals("all") || row.contains("\"status\":\"" + state.toUpperCase(Locale.ROOT)))
			.filter((row) -> !query.containsKey("type") || row.contains("\"eventType\":\"" + query.get("type")))
			.filter((row) -> !query.containsKey("webhook") || row.contains("\"webhook\":\"" + query.get("webhook")))
			.collect(Collectors.toCollection(ArrayList::new));
		if (!"time:asc".equals(query.get("sort"))) {
			Collections.reverse(kept);
		}
		return "{\"items\":[" + String.join(",", kept) + "],\"next\":null,\"webhooks\":[\"mdm-notify\",\"siem\"]}";
	}

	/**
	 * {@code GET /internal/v1/challenge-lives/{id}}: the life of the challenge behind
	 * {@link #CORRELATION_ID}, with a refused attempt whose text is markup; 404
	 * otherwise.
	 */
	private void challengeLife(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		if (!exchange.getRequestURI().getPath().endsWith("/" + CORRELATION_ID)) {
			answer(exchange, 404, problem(404, "No challenge has this correlation id."));
			return;
		}
		answer(exchange, 200, """
				{"correlationId":"%s","profile":"ios","template":"device","mintedBy":"jamf","binding":null,
				 "createdAt":"2026-03-01T10:00:00Z","expiresAt":"2026-03-01T11:00:00Z",
				 "redeemedAt":"2026-03-01T10:15:30Z","transactionId":"7F3A9C01","certificateSerial":"%s",
				 "events":[
				  {"type":"MINTED","occurredAt":"2026-03-01T10:00:00Z"},
				  {"type":"REFUSED","occurredAt":"2026-03-01T10:10:00Z","transactionId":"<i>tx</i>",
				   "reason":"%s"},
				  {"type":"REDEEMED","occurredAt":"2026-03-01T10:12:00Z","transactionId":"WEAK01"},
				  {"type":"RELEASED","occurredAt":"2026-03-01T10:12:01Z","transactionId":"WEAK01",
				   "reason":"the CSR's RSA key has <b>1024</b> bits"},
				  {"type":"REDEEMED","occurredAt":"2026-03-01T10:15:30Z","transactionId":"7F3A9C01"},
				  {"type":"ISSUED","occurredAt":"2026-03-01T10:15:31Z","certificateSerial":"%s"}]}
				""".formatted(CORRELATION_ID, SERIAL, HOSTILE_SUBJECT, SERIAL));
	}

	private static String correlatedPage() {
		return """
				{"items":[
				 {"transactionId":"7F3A9C01","profile":"ios","messageType":"PKCSReq","subject":"%s",
				  "status":"ISSUED","failInfo":null,"failureReason":null,"certificateSerial":"5E1F00A7C3",
				  "createdAt":"2026-03-01T10:15:30Z","updatedAt":"2026-03-01T10:15:31Z","correlationId":"%s"}
				],"page":0,"size":100,"total":1}
				""".formatted(HOSTILE_SUBJECT, CORRELATION_ID);
	}

	private void certificates(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		String path = exchange.getRequestURI().getPath();
		if (path.startsWith("/api/v1/certificates/correlated/")) {
			answer(exchange, 200, path.endsWith("/" + CORRELATION_ID) ? "[" + certificate() + "]" : "[]");
			return;
		}
		if (path.equals("/api/v1/certificates/search") || path.equals("/api/v1/certificates")) {
			String query = exchange.getRequestURI().getQuery();
			if (query != null && query.contains("expires:soon")) {
				answer(exchange, 400, problem(400, "expires: takes <, > or nothing before a date"));
				return;
			}
			String found = (query != null && query.contains("formula")) ? certificate(FORMULA_SUBJECT) : certificate();
			answer(exchange, 200,
					"{\"items\":[" + found + "],\"nextCursor\":null,\"page\":0,\"size\":25," + "\"total\":1}");
			return;
		}
		Matcher serial = SERIAL_PATH.matcher(path);
		if (!serial.matches() || !serial.group(1).equalsIgnoreCase(SERIAL)) {
			answer(exchange, 404,
					problem(404, "no certificate with serial " + path.substring(path.lastIndexOf('/') + 1)));
			return;
		}
		if (serial.group(2) != null) {
			if (this.revocation != null) {
				answer(exchange, 409, problem(409, "certificate " + SERIAL + " is revoked already"));
				return;
			}
			this.revocation = this.bodies.get(this.bodies.size() - 1);
		}
		answer(exchange, 200, certificate());
	}

	/**
	 * {@code GET /api/v1/ca} and {@code POST /api/v1/ca/next}: a next CA once prepared,
	 * switching at the requested moment (now when none is given).
	 */
	private void ca(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		if (exchange.getRequestURI().getPath().equals("/api/v1/ca/next")) {
			Matcher at = Pattern.compile("\"switchAt\"\\s*:\\s*\"([^\"]+)\"")
				.matcher(this.bodies.get(this.bodies.size() - 1));
			this.nextCaSwitchAt = at.find() ? at.group(1) : Instant.now().toString();
		}
		String pem = "\"" + this.certificatePem.replace("\n", "\\n") + "\"";
		String next = this.nextCaSwitchAt;
		String root = "\"" + ROOT_PEM.replace("\n", "\\n") + "\"";
		answer(exchange, 200, """
				{"chainPem":[%s,%s],"nextCaPem":[%s],"switchAt":%s,"previousCaPem":[],"linkPem":[]}
				""".formatted(pem, root, (next != null) ? pem : "", (next != null) ? "\"" + next + "\"" : "null"));
	}

	/**
	 * The challenge-service's management API of MDM API clients ({@link FakeMdmClients}).
	 */
	private void apiClients(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		String body = "POST".equals(exchange.getRequestMethod()) ? this.bodies.get(this.bodies.size() - 1) : "";
		Map.Entry<Integer, String> answer = this.mdmClients.handle(exchange, body);
		answer(exchange, answer.getKey(), answer.getValue());
	}

	/**
	 * {@code GET /api/v1/profiles}: the gateway's profiles, one served at NDES's path
	 * too.
	 */
	private void profiles(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		answer(exchange, 200, """
				[{"name":"default","scepPath":"/scep/default","ndesPath":"/certsrv/mscep/mscep.dll",
				  "capabilities":["POSTPKIOperation","Renewal","SHA-256","SHA-512","SHA-1","AES","DES3","SCEPStandard"],
				  "contentCiphers":["AES-128-CBC","AES-256-CBC","DES-EDE3-CBC"],"defaultTemplate":"device",
				  "approval":"NONE","approvalMaxAge":"PT168H","enforcePassword":true,"renewal":true,
				  "renewalWindow":"50% of the lifetime left","revokeOnRenewal":false,"caCertificates":"CA_AND_RA",
				  "certRepIncludesCa":false},
				 {"name":"routers","scepPath":"/scep/routers","ndesPath":null,
				  "capabilities":["POSTPKIOperation","SHA-256","SHA-512","SHA-1","AES","DES3","SCEPStandard"],
				  "contentCiphers":["AES-128-CBC"],"defaultTemplate":"router","approval":"REQUIRED",
				  "approvalMaxAge":"PT168H","enforcePassword":false,"renewal":false,"renewalWindow":"PT720H",
				  "revokeOnRenewal":false,"caCertificates":"CA_ONLY","certRepIncludesCa":true}]""");
	}

	/**
	 * The challenge-service's challenge administration ({@link FakeChallenges}).
	 */
	private void challenges(HttpExchange exchange) throws IOException {
		if (!authorised(exchange)) {
			return;
		}
		String body = "POST".equals(exchange.getRequestMethod()) ? this.bodies.get(this.bodies.size() - 1) : "";
		Map.Entry<Integer, String> answer = this.challenges.handle(exchange, body);
		if (answer.getKey() == 204) {
			try (exchange) {
				exchange.sendResponseHeaders(204, -1);
			}
			return;
		}
		answer(exchange, answer.getKey(), answer.getValue());
	}

	private boolean authorised(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!("Bearer " + TOKEN).equals(authorization)) {
			answer(exchange, 401, problem(401, "Unauthorized"));
			return false;
		}
		this.queries.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
		if ("POST".equals(exchange.getRequestMethod())) {
			this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		return true;
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		try (exchange) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.add("Content-Type", (status < 300) ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static String problem(int status, String detail) {
		return "{\"title\":\"refused\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
	}

	/**
	 * 24 hourly and 30 daily buckets, the last hour with 5 issued and 2 refused, and a
	 * refusal reason carrying markup (it comes from a device's request).
	 */
	private static String enrollmentStatistics() {
		java.time.Instant hour = java.time.Instant.parse("2026-03-01T12:00:00Z");
		java.util.StringJoiner hourly = new java.util.StringJoiner(",");
		for (int i = 23; i >= 0; i--) {
			hourly.add("{\"start\":\"%s\",\"issued\":%d,\"refused\":%d}".formatted(hour.minusSeconds(3600L * i),
					(i == 0) ? 5 : 1, (i == 0) ? 2 : 0));
		}
		java.util.StringJoiner daily = new java.util.StringJoiner(",");
		for (int i = 29; i >= 0; i--) {
			daily.add("{\"start\":\"%s\",\"issued\":%d,\"refused\":%d}"
				.formatted(java.time.Instant.parse("2026-03-01T00:00:00Z").minusSeconds(86400L * i), 20, 3));
		}
		return """
				{"at":"2026-03-01T12:30:00Z","hourly":[%s],"daily":[%s],
				 "refusalsByReason":[{"reason":"%s","count":7}],"waitingApproval":4}
				""".formatted(hourly, daily, "<script>alert(1)</script> bad challenge");
	}

	private String certificate() {
		return certificate("CN=iphone-4711,O=Example");
	}

	private String certificate(String subject) {
		boolean revoked = this.revocation != null;
		return """
				{"serialNumber":"%s","subject":"%s",
				 "subjectAltNames":["dns:iphone-4711.example","email:<b>x</b>@example.com"],
				 "notBefore":"2026-03-01T10:15:31Z","notAfter":"2027-03-01T10:15:31Z","profile":"ios",
				 "template":"device","transactionId":"7F3A9C01","certificatePem":"%s",
				 "issuedAt":"2026-03-01T10:15:31Z","status":"%s","revokedAt":%s,"revocationReason":%s,
				 "revokedBy":%s,"revocationComment":null,"replacedBy":null,"renewalOf":null,
				 "correlationId":"%s"}
				""".formatted(SERIAL, subject, this.certificatePem.replace("\n", "\\n"), revoked ? "REVOKED" : "VALID",
				revoked ? "\"2026-03-02T00:00:00Z\"" : "null", revoked ? "\"keyCompromise\"" : "null",
				revoked ? "\"admin:someone\"" : "null", CORRELATION_ID);
	}

	private static String waiting(String status) {
		return """
				{"transactionId":"CAFE03","profile":"approval","messageType":"PKCSReq","subject":"%s",
				 "status":"%s","failInfo":null,"failureReason":null,"certificateSerial":null,
				 "createdAt":"2026-03-01T08:00:00Z","updatedAt":"2026-03-01T08:00:00Z","id":"%s",
				 "decidedBy":null,"decidedAt":null,"decisionComment":null}
				""".formatted(HOSTILE_SUBJECT, status, WAITING_ID);
	}

	/**
	 * The request search ({@code q=}): the list's rows with a cursor to a second page,
	 * whose one row's subject a spreadsheet would run as a formula.
	 */
	private static String searchPage(String query) {
		if (!query.contains("after=" + SEARCH_CURSOR)) {
			return transactionPage(OLD_SERIAL).replace("\"total\":60}",
					"\"total\":-1,\"nextCursor\":\"" + SEARCH_CURSOR + "\"}");
		}
		return """
				{"items":[
				 {"transactionId":"PAGE2TX","profile":"ios","messageType":"RenewalReq","subject":"=HYPERLINK(\\"x\\")",
				  "status":"RECEIVED","createdAt":"2026-02-28T10:00:00Z","updatedAt":"2026-02-28T10:00:00Z"}
				],"page":0,"size":25,"total":-1,"nextCursor":null}
				""";
	}

	private static String transactionPage(String serial) {
		return """
				{"items":[
				 {"transactionId":"7F3A9C01","profile":"ios","messageType":"PKCSReq","subject":"CN=iphone-4711,O=Example",
				  "status":"ISSUED","failInfo":null,"failureReason":null,"certificateSerial":"%s",
				  "createdAt":"2026-03-01T10:15:30Z","updatedAt":"2026-03-01T10:15:31Z",
				  "contentEncryptionAlgorithm":"AES256/CBC","keyTransportAlgorithm":"RSA","digestAlgorithm":"SHA256",
				  "signatureAlgorithm":"SHA256WITHRSA","correlationId":"3d0c5f1e-8b7a-4c2d-9e6f-1a2b3c4d5e6f"},
				 {"transactionId":"DEADBEEF02","profile":"routers","messageType":"PKCSReq","subject":"%s",
				  "status":"FAILED","failInfo":"badRequest","failureReason":"challenge already used",
				  "certificateSerial":null,"createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-01T09:00:00Z",
				  "contentEncryptionAlgorithm":"1.3.14.3.2.7","keyTransportAlgorithm":"RSA","digestAlgorithm":"SHA1",
				  "signatureAlgorithm":"RSA"},
				 {"transactionId":"CAFE03","profile":"ios","messageType":"PKCSReq","subject":"CN=ipad-42",
				  "status":"RECEIVED","failInfo":null,"failureReason":null,"certificateSerial":null,
				  "createdAt":"2026-03-01T08:00:00Z","updatedAt":"2026-03-01T08:00:00Z"},
				 {"transactionId":"CAFE04","profile":"approval","messageType":"PKCSReq","subject":"CN=ipad-43",
				  "status":"FAILED","failInfo":"badRequest","failureReason":"approval expired","certificateSerial":null,
				  "createdAt":"2026-03-01T07:00:00Z","updatedAt":"2026-03-02T07:00:00Z"}
				],"page":0,"size":25,"total":60}
				"""
			.formatted(serial, HOSTILE_SUBJECT);
	}

	private static String authorities() {
		return """
				[{"role":"CA","name":"root","subject":"CN=Keyward Root CA,O=Keyward","serialNumber":"01",
				  "notBefore":"2026-01-01T00:00:00Z","notAfter":"2036-01-01T00:00:00Z","certificatePem":null}]
				""";
	}

	private static String ra() {
		return """
				[{"purpose":"signing","state":"CURRENT","serialNumber":"0A","subject":"CN=Keyward RA",
				  "notBefore":"2026-01-01T00:00:00Z","notAfter":"2026-01-10T00:00:00Z"}]
				""";
	}

	/**
	 * A real certificate whose subject carries markup, so the detail page decodes and
	 * escapes what a device could send.
	 */
	private static String certificatePem() {
		return TestCertificates.everyExtension(new BigInteger(SERIAL, 16), "CN=<script>alert(1)</script>,O=Example");
	}

	/**
	 * @param issuer the issuer name; the subject's for a self-signed certificate
	 */
	private static String selfSignedPem(X500Name issuer, X500Name subject, String serial) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			KeyPair keys = generator.generateKeyPair();
			byte[] der = new JcaX509v3CertificateBuilder(issuer, new BigInteger(serial, 16),
					Date.from(Instant.parse("2026-03-01T10:15:31Z")), Date.from(Instant.parse("2027-03-01T10:15:31Z")),
					subject, keys.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
				.getEncoded();
			return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (NoSuchAlgorithmException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
