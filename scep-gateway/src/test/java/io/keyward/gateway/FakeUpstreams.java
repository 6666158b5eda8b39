package io.keyward.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stand-ins for the challenge-service and the ca-adapter on one loopback HTTP server,
 * speaking their real REST contracts and backed by a real
 * {@link TestCertificateAuthority}. One instance per test JVM; tests steer it through the
 * public fields.
 */
public final class FakeUpstreams {

	public static final String SERVICE_TOKEN = "gateway-test-service-token-0123456789";

	/** A challenge the fake challenge-service accepts. */
	public static final String GOOD_CHALLENGE = "GOODCHALLENGE0123456789ABCDEF01";

	private static final FakeUpstreams INSTANCE = new FakeUpstreams();

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	public final TestCertificateAuthority ca = new TestCertificateAuthority();

	/** The correlation id the default redemption of {@link #GOOD_CHALLENGE} answers. */
	public static final String GOOD_CHALLENGE_CORRELATION_ID = "6f1d3c9e-3a51-4f0e-9b0a-7d2f4c1e8a55";

	/** The correlation id each issue request carried, by transactionID. */
	public final Map<String, String> correlationByTransaction = new ConcurrentHashMap<>();

	/** The ca-adapter's SCEP recipient API, with {@link #ca}'s key. */
	public final FakeCaRecipient caRecipient = new FakeCaRecipient(this.ca);

	/** How redemptions are answered; defaults to accepting {@link #GOOD_CHALLENGE}. */
	public volatile Function<RedemptionRequest, RedemptionResult> redemptions = FakeUpstreams::defaultRedemption;

	/**
	 * When set, the ca-adapter publishes these CA certificates (a CA rollover) instead of
	 * {@link #ca} alone.
	 */
	public volatile CaCertificates published;

	/** When set, issue calls are signed by this CA instead of {@link #ca}. */
	public volatile TestCertificateAuthority issuingCa;

	/**
	 * How redemption previews are answered; null answers them as {@link #redemptions}
	 * would, without counting a redemption.
	 */
	public volatile Function<RedemptionRequest, RedemptionResult> previews;

	/**
	 * When set, the ca-adapter's policy check and its issue call (which decide alike)
	 * refuse every request for a device certificate: a 400 problem with this failInfo
	 * ({@code badAlg} or {@code badRequest}) and {@link #policyRefusalDetail}.
	 */
	public volatile String policyRefusal;

	public volatile String policyRefusalDetail = "refused by the template";

	/** Policy checks by transactionID, with the binding's SID each carried. */
	public final Map<String, List<IssueRequest>> policyChecks = new ConcurrentHashMap<>();

	/** Issue calls by transactionID, as received. */
	public final Map<String, IssueRequest> issueRequests = new ConcurrentHashMap<>();

	public final AtomicInteger previewCalls = new AtomicInteger();

	/** Releases of a redeemed challenge, by transactionID, as received. */
	public final Map<String, io.keyward.api.challenge.ReleaseRequest> releases = new ConcurrentHashMap<>();

	/** When set, a release answers with HTTP 503. */
	public volatile boolean releaseDown;

	/** When set, the ca-adapter answers every issue call with this status. */
	public volatile Integer caFailureStatus;

	/**
	 * The CA answers 200 with a certificate the gateway cannot read: an internal error.
	 */
	public volatile boolean unreadableCertificate;

	/** When set, the ca-adapter answers RA certificate requests with HTTP 503. */
	public volatile boolean raIssuanceDown;

	/** When set, the ca-adapter answers revocations with HTTP 503. */
	public volatile boolean revokeDown;

	/** When set, the challenge-service answers with HTTP 503. */
	public volatile boolean challengeServiceDown;

	/**
	 * How the challenge-service's NDES page answers: {@code PAGE} (200 with the
	 * Authorization header it got, UTF-16LE; 401 with a Basic challenge without one),
	 * {@code HANG_UP} (closes the connection unanswered), {@code OVERSIZED} (1 MiB).
	 */
	public volatile String ndesPage = "PAGE";

	/** The NDES page paths the challenge-service was asked for. */
	public final List<String> ndesPagePaths = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Issue calls by template, then by transactionID. */
	public final Map<String, AtomicInteger> issuedByTemplate = new ConcurrentHashMap<>();

	public final Map<String, AtomicInteger> issuedByTransaction = new ConcurrentHashMap<>();

	public final AtomicInteger redemptionCalls = new AtomicInteger();

	/** Every end-entity certificate issued, by upper-case hex serial. */
	public final Map<String, X509Certificate> issuedBySerial = new ConcurrentHashMap<>();

	/**
	 * Renewals issued: new serial to the serial renewed, as the ca-adapter records them.
	 */
	public final Map<String, String> renewalOf = new ConcurrentHashMap<>();

	/** Serials the ca-adapter treats as revoked: renewing them is refused. */
	public final Set<String> revoked = ConcurrentHashMap.newKeySet();

	/** The reasons revocations were asked for with, by serial. */
	public final Map<String, String> revocationReasons = new ConcurrentHashMap<>();

	public final AtomicInteger unauthorizedCalls = new AtomicInteger();

	/** The enrollment events the gateway published, by event id (a repeat replaces). */
	public final Map<java.util.UUID, io.keyward.api.event.EnrollmentEvent> events = new ConcurrentHashMap<>();

	/** The batch requests the event intake answered. */
	public final java.util.concurrent.atomic.AtomicInteger eventBatches = new java.util.concurrent.atomic.AtomicInteger();

	/** When set, the event intake answers with HTTP 503. */
	public volatile boolean eventsDown;

	private FakeUpstreams() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(Executors.newFixedThreadPool(8));
			this.server.createContext("/internal/v1/redemptions", this::redeem);
			this.server.createContext("/api/v1/policy-check", this::checkPolicy);
			this.server.createContext("/api/v1/certificates", this::issue);
			this.server.createContext("/api/v1/ra-certificates", this::issue);
			this.server.createContext("/api/v1/ca", this::ca);
			this.server.createContext("/certsrv/mscep_admin", this::ndesPage);
			this.server.createContext("/api/v1/crl/", this::crl);
			this.server.createContext("/api/v1/ocsp", this::ocsp);
			this.server.createContext("/internal/v1/events", this::event);
			this.server.createContext("/api/v1/scep-recipient/envelopes", this.caRecipient::open);
			this.server.createContext("/api/v1/scep-recipient/cert-reps", this.caRecipient::sign);
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static FakeUpstreams get() {
		return INSTANCE;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public int issuedFor(String transactionId) {
		AtomicInteger count = this.issuedByTransaction.get(transactionId);
		return (count != null) ? count.get() : 0;
	}

	public int issuedWithTemplate(String template) {
		AtomicInteger count = this.issuedByTemplate.get(template);
		return (count != null) ? count.get() : 0;
	}

	public void reset() {
		this.redemptions = FakeUpstreams::defaultRedemption;
		this.previews = null;
		this.policyRefusal = null;
		this.policyRefusalDetail = "refused by the template";
		this.caFailureStatus = null;
		this.unreadableCertificate = false;
		this.challengeServiceDown = false;
		this.ndesPage = "PAGE";
		this.ndesPagePaths.clear();
		this.raIssuanceDown = false;
		this.revoked.clear();
		this.revokeDown = false;
		this.eventsDown = false;
		this.releaseDown = false;
		this.published = null;
		this.issuingCa = null;
		this.caRecipient.down = false;
	}

	private static RedemptionResult defaultRedemption(RedemptionRequest request) {
		return GOOD_CHALLENGE.equals(request.challenge())
				? RedemptionResult.accepted("device").withCorrelationId(GOOD_CHALLENGE_CORRELATION_ID)
				: RedemptionResult.rejected("unknown or expired challenge");
	}

	private void redeem(HttpExchange exchange) throws IOException {
		if (!authorized(exchange)) {
			return;
		}
		if (exchange.getRequestURI().getPath().endsWith("/release")) {
			release(exchange);
			return;
		}
		boolean preview = exchange.getRequestURI().getPath().endsWith("/preview");
		(preview ? this.previewCalls : this.redemptionCalls).incrementAndGet();
		if (this.challengeServiceDown) {
			send(exchange, 503, "application/problem+json",
					"{\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		RedemptionRequest request = this.json.readValue(read(exchange), RedemptionRequest.class);
		Function<RedemptionRequest, RedemptionResult> previews = this.previews;
		sendJson(exchange, (preview && previews != null) ? previews.apply(request) : this.redemptions.apply(request));
	}

	private void release(HttpExchange exchange) throws IOException {
		if (this.challengeServiceDown || this.releaseDown) {
			send(exchange, 503, "application/problem+json",
					"{\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		io.keyward.api.challenge.ReleaseRequest request = this.json.readValue(read(exchange),
				io.keyward.api.challenge.ReleaseRequest.class);
		this.releases.put(request.transactionId(), request);
		sendJson(exchange, new io.keyward.api.challenge.ReleaseResult(true));
	}

	private void event(HttpExchange exchange) throws IOException {
		if (!authorized(exchange)) {
			return;
		}
		if (this.eventsDown) {
			send(exchange, 503, "application/problem+json",
					"{\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (exchange.getRequestURI().getPath().endsWith("/batch")) {
			io.keyward.api.event.EventBatch batch = this.json.readValue(read(exchange),
					io.keyward.api.event.EventBatch.class);
			batch.events().forEach((event) -> this.events.put(event.id(), event));
			this.eventBatches.incrementAndGet();
			sendJson(exchange, new io.keyward.api.event.EventBatchResult(batch.events().size(), 0));
			return;
		}
		io.keyward.api.event.EnrollmentEvent event = this.json.readValue(read(exchange),
				io.keyward.api.event.EnrollmentEvent.class);
		this.events.put(event.id(), event);
		exchange.sendResponseHeaders(202, -1);
		exchange.close();
	}

	/**
	 * @return whether the request was answered with the {@link #policyRefusal}
	 */
	private boolean refusedByPolicy(HttpExchange exchange) throws IOException {
		String refusal = this.policyRefusal;
		if (refusal == null) {
			return false;
		}
		send(exchange, 400, "application/problem+json", ("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\""
				+ this.policyRefusalDetail + "\",\"failInfo\":\"" + refusal + "\"}")
			.getBytes(StandardCharsets.UTF_8));
		return true;
	}

	private void checkPolicy(HttpExchange exchange) throws IOException {
		if (!authorized(exchange)) {
			return;
		}
		IssueRequest request = this.json.readValue(read(exchange), IssueRequest.class);
		this.policyChecks.computeIfAbsent(String.valueOf(request.transactionId()), (id) -> new java.util.ArrayList<>())
			.add(request);
		if (refusedByPolicy(exchange)) {
			return;
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	private void issue(HttpExchange exchange) throws IOException {
		if (!authorized(exchange)) {
			return;
		}
		if (exchange.getRequestURI().getPath().endsWith("/revoke")) {
			revoke(exchange);
			return;
		}
		IssueRequest request = this.json.readValue(read(exchange), IssueRequest.class);
		// like the ca-adapter: RA templates only on the RA path, and only they there
		boolean raPath = exchange.getRequestURI().getPath().equals("/api/v1/ra-certificates");
		boolean own = request.template() != null
				&& (request.template().startsWith("ra-") || request.template().equals("tls-server"));
		if (raPath != own) {
			send(exchange, 403, "application/problem+json",
					"{\"title\":\"Forbidden\",\"status\":403}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (request.transactionId() != null) {
			this.issueRequests.put(request.transactionId(), request);
		}
		if (!raPath && refusedByPolicy(exchange)) {
			return;
		}
		Integer failure = this.caFailureStatus;
		if (this.raIssuanceDown && request.template() != null && request.template().startsWith("ra-")) {
			failure = 503;
		}
		if (failure != null
				&& (this.raIssuanceDown || request.template() == null || !request.template().startsWith("ra-"))) {
			String body = "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":" + failure
					+ ",\"detail\":\"key too small for template\"}";
			send(exchange, failure, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
			return;
		}
		X509Certificate renewed = null;
		if (request.renewalOf() != null) {
			renewed = this.issuedBySerial.get(request.renewalOf());
			String refusal = (renewed == null) ? "no certificate with serial " + request.renewalOf() + " was issued"
					: this.revoked.contains(request.renewalOf()) ? "certificate " + request.renewalOf() + " is revoked"
							: null;
			if (refusal != null) {
				send(exchange, 400, "application/problem+json",
						("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + refusal + "\"}")
							.getBytes(StandardCharsets.UTF_8));
				return;
			}
		}
		try {
			PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getDecoder().decode(request.csr()));
			// like the ca-adapter: a renewal keeps the renewed certificate's subject
			X509Certificate certificate = (renewed != null)
					? issuing().issue(csr, "default",
							X500Name.getInstance(renewed.getSubjectX500Principal().getEncoded()))
					: issuing().issue(csr, request.template());
			String serial = SerialNumbers.key(certificate.getSerialNumber());
			this.issuedBySerial.put(serial, certificate);
			if (renewed != null) {
				this.renewalOf.put(serial, request.renewalOf());
			}
			this.issuedByTemplate
				.computeIfAbsent((request.template() != null) ? request.template() : "default",
						(key) -> new AtomicInteger())
				.incrementAndGet();
			if (request.transactionId() != null && request.correlationId() != null) {
				this.correlationByTransaction.put(request.transactionId(), request.correlationId());
			}
			if (request.transactionId() != null) {
				this.issuedByTransaction.computeIfAbsent(request.transactionId(), (key) -> new AtomicInteger())
					.incrementAndGet();
			}
			sendJson(exchange,
					new IssuedCertificate(SerialNumbers.hex(certificate.getSerialNumber()),
							certificate.getSubjectX500Principal().getName(), List.of(),
							certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
							request.profile(), request.template(), request.transactionId(),
							this.unreadableCertificate ? "not a certificate"
									: TestCertificateAuthority.pem(certificate),
							Instant.now(), IssuedCertificate.VALID, null, null, null, null, null, request.renewalOf(),
							"gateway", request.correlationId()));
		}
		catch (Exception ex) {
			send(exchange, 400, "application/problem+json",
					"{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad csr\"}"
						.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** {@code POST /api/v1/certificates/{serial}/revoke}: 409 when already revoked. */
	private void revoke(HttpExchange exchange) throws IOException {
		String[] path = exchange.getRequestURI().getPath().split("/");
		// any spelling, as the ca-adapter accepts
		String serial = SerialNumbers.parse(path[path.length - 2])
			.map(SerialNumbers::key)
			.orElse(path[path.length - 2]);
		RevokeRequest request = this.json.readValue(read(exchange), RevokeRequest.class);
		if (this.revokeDown) {
			send(exchange, 503, "application/problem+json",
					"{\"title\":\"Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (!this.revoked.add(serial)) {
			send(exchange, 409, "application/problem+json",
					"{\"title\":\"Conflict\",\"status\":409,\"detail\":\"already revoked\"}"
						.getBytes(StandardCharsets.UTF_8));
			return;
		}
		this.revocationReasons.put(serial, request.reason());
		X509Certificate certificate = this.issuedBySerial.get(serial);
		sendJson(exchange, new IssuedCertificate(SerialNumbers.hex(certificate.getSerialNumber()),
				certificate.getSubjectX500Principal().getName(), List.of(), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant(), null, null, null, TestCertificateAuthority.pem(certificate),
				Instant.now(), IssuedCertificate.REVOKED, Instant.now(), request.reason(), request.revokedBy(),
				request.comment(), null, null, "gateway", null));
	}

	private void ca(HttpExchange exchange) throws IOException {
		if (!authorized(exchange)) {
			return;
		}
		CaCertificates published = this.published;
		sendJson(exchange, (published != null) ? published
				: new CaCertificates(List.of(TestCertificateAuthority.pem(this.ca.certificate()))));
	}

	private TestCertificateAuthority issuing() {
		TestCertificateAuthority issuing = this.issuingCa;
		return (issuing != null) ? issuing : this.ca;
	}

	/** The CRL of the CA named {@code root}: fixed bytes the gateway must relay as is. */
	public static final byte[] ROOT_CRL = { 0x30, 0x03, 0x02, 0x01, 0x07 };

	private void crl(HttpExchange exchange) throws IOException {
		if (!authorized(exchange) || failed(exchange)) {
			return;
		}
		if (exchange.getRequestURI().getPath().equals("/api/v1/crl/root")) {
			send(exchange, 200, "application/pkix-crl", ROOT_CRL);
			return;
		}
		send(exchange, 404, "application/problem+json",
				"{\"title\":\"Not Found\",\"status\":404}".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Answers the OCSP request's bytes reversed, so a test sees exactly what was relayed.
	 */
	private void ocsp(HttpExchange exchange) throws IOException {
		if (!authorized(exchange) || failed(exchange)) {
			return;
		}
		byte[] request = read(exchange);
		byte[] answer = new byte[request.length];
		for (int i = 0; i < request.length; i++) {
			answer[i] = request[request.length - 1 - i];
		}
		send(exchange, 200, "application/ocsp-response", answer);
	}

	private boolean failed(HttpExchange exchange) throws IOException {
		Integer failure = this.caFailureStatus;
		if (failure == null) {
			return false;
		}
		read(exchange);
		send(exchange, failure, "application/problem+json",
				("{\"status\":" + failure + "}").getBytes(StandardCharsets.UTF_8));
		return true;
	}

	private void ndesPage(HttpExchange exchange) throws IOException {
		this.ndesPagePaths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
		switch (this.ndesPage) {
			case "HANG_UP" -> exchange.close();
			case "OVERSIZED" -> send(exchange, 200, "text/html", new byte[1024 * 1024]);
			default -> {
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				exchange.getResponseHeaders().set("Cache-Control", "no-store");
				if (authorization == null) {
					exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Keyward\"");
				}
				byte[] page = ("\uFEFF<HTML>authorization=" + authorization + "</HTML>")
					.getBytes(StandardCharsets.UTF_16LE);
				send(exchange, (authorization != null) ? 200 : 401, "text/html", page);
			}
		}
	}

	private boolean authorized(HttpExchange exchange) throws IOException {
		if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			this.unauthorizedCalls.incrementAndGet();
			read(exchange);
			send(exchange, 401, "application/problem+json",
					"{\"title\":\"Unauthorized\",\"status\":401}".getBytes(StandardCharsets.UTF_8));
			return false;
		}
		return true;
	}

	static byte[] read(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return in.readAllBytes();
		}
	}

	private void sendJson(HttpExchange exchange, Object body) throws IOException {
		send(exchange, 200, "application/json", this.json.writeValueAsBytes(body));
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
