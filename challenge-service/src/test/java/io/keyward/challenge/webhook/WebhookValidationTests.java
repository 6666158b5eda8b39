package io.keyward.challenge.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code webhook} challenge mode against a receiver on loopback that checks the
 * signature and the timestamp of every call, as a receiver should, and answers per
 * transactionID.
 */
class WebhookValidationTests extends IntegrationTestSupport {

	static final String PROFILE = "webhook-hf";

	static final String SECRET = "webhook-test-secret-0123456789abcdef";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Receiver RECEIVER = new Receiver();

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("keyward.challenge.profiles." + PROFILE + ".mode", () -> "webhook");
		registry.add("keyward.challenge.profiles." + PROFILE + ".template", () -> "webhook-device");
		registry.add("keyward.challenge.profiles." + PROFILE + ".webhook.url", () -> RECEIVER.url());
		registry.add("keyward.challenge.profiles." + PROFILE + ".webhook.secret", () -> SECRET);
		registry.add("keyward.challenge.profiles." + PROFILE + ".webhook.timeout", () -> "500ms");
		registry.add("keyward.challenge.profiles." + PROFILE + ".webhook.retries", () -> "1");
	}

	@AfterEach
	void signaturesChecked() {
		assertThat(RECEIVER.violations).isEmpty();
	}

	@AfterAll
	static void stop() {
		RECEIVER.server.stop(0);
	}

	@Test
	void whenTheWebhookAllowsThenAcceptedWithTheRequestSigned() {
		String transactionId = "allow-" + UUID.randomUUID();
		RECEIVER.answers.put(transactionId, "200 {\"allow\":true}");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId));

		assertThat(result.accepted()).isTrue();
		assertThat(result.template()).isEqualTo("webhook-device");
		Map<String, Object> body = RECEIVER.bodies.get(transactionId);
		assertThat(body).containsEntry("profile", PROFILE)
			.containsEntry("challenge", "the-device-challenge")
			.containsEntry("csr", "MIIBcsr")
			.containsEntry("subject", "CN=device")
			.containsEntry("subjectAltNames", List.of("dns:device.example"))
			.containsEntry("publicKeySha256", "ab".repeat(32));
	}

	@Test
	void whenThePreviewIsAskedThenTheWebhookIsNot() {
		String transactionId = "preview-" + UUID.randomUUID();
		assertThat(call("/internal/v1/redemptions/preview", request(transactionId)).accepted()).isTrue();
		assertThat(RECEIVER.calls(transactionId)).isZero();
	}

	@Test
	void whenTheWebhookDeniesThenRefusedWithItsReason() {
		String transactionId = "deny-" + UUID.randomUUID();
		RECEIVER.answers.put(transactionId, "200 {\"allow\":false,\"reason\":\"device not in inventory\"}");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo("refused by the challenge webhook: device not in inventory");
	}

	@Test
	void whenTheAnswerIsNotExactlyAllowTrueThenRefused() {
		for (String answer : List.of("200 {\"allow\":\"true\"}", "200 {}", "200 not json", "403 {\"allow\":true}",
				"200 [true]")) {
			String transactionId = "odd-" + UUID.randomUUID();
			RECEIVER.answers.put(transactionId, answer);
			assertThat(call("/internal/v1/redemptions", request(transactionId)).accepted()).as(answer).isFalse();
			assertThat(RECEIVER.calls(transactionId)).as("no retry on an answer").isEqualTo(1);
		}
	}

	@Autowired
	MeterRegistry meters;

	@Test
	void whenTheWebhookIsAskedThenEachCallIsTimedByOutcome() {
		double allowed = calls("2xx");
		double failed = calls("5xx");
		String allow = "timed-allow-" + UUID.randomUUID();
		RECEIVER.answers.put(allow, "200 {\"allow\":true}");
		String fail = "timed-fail-" + UUID.randomUUID();
		RECEIVER.answers.put(fail, "503 {}");

		assertThat(call("/internal/v1/redemptions", request(allow)).accepted()).isTrue();
		assertThat(call("/internal/v1/redemptions", request(fail)).accepted()).isFalse();

		assertThat(calls("2xx") - allowed).isEqualTo(1.0);
		// the first call and its one retry
		assertThat(calls("5xx") - failed).isEqualTo(2.0);
	}

	private double calls(String outcome) {
		return counted(this.meters, "keyward.challenge.webhook.calls", "kind", WebhookCalls.VALIDATION, "outcome",
				outcome);
	}

	@Test
	void whenTheWebhookFailsThenRetriedThenRefused() {
		String transactionId = "fail-" + UUID.randomUUID();
		RECEIVER.answers.put(transactionId, "503 {}");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo(WebhookValidator.UNAVAILABLE);
		assertThat(RECEIVER.calls(transactionId)).isEqualTo(2);
	}

	@Test
	void whenTheWebhookHangsThenRetriedThenRefused() {
		String transactionId = "hang-" + UUID.randomUUID();
		RECEIVER.answers.put(transactionId, "slow");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo(WebhookValidator.UNAVAILABLE);
		assertThat(RECEIVER.calls(transactionId)).isEqualTo(2);
	}

	@Test
	void whenTheCsrIsMissingThen400() {
		var response = post("/internal/v1/redemptions", SERVICE_TOKEN,
				"{\"challenge\":\"c\",\"profile\":\"" + PROFILE + "\",\"transactionId\":\"t\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void whenSignedThenTheSignatureCoversTimestampAndBody() {
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		// an independent HMAC-SHA256 of "1700000000.{"a":1}" with key "k"
		assertThat(WebhookSignature.sign("k", 1700000000L, body))
			.isEqualTo("sha256=" + Receiver.hmac("k", "1700000000.{\"a\":1}"));
		assertThat(WebhookSignature.sign("k", 1700000001L, body))
			.isNotEqualTo(WebhookSignature.sign("k", 1700000000L, body));
	}

	private static RedemptionRequest request(String transactionId) {
		return new RedemptionRequest("the-device-challenge", PROFILE, transactionId, "CN=device",
				List.of("dns:device.example"), "ab".repeat(32), null, "MIIBcsr");
	}

	/**
	 * A webhook receiver that verifies each call as the docs tell receivers to.
	 */
	static final class Receiver {

		final HttpServer server;

		final Map<String, String> answers = new ConcurrentHashMap<>();

		final Map<String, Map<String, Object>> bodies = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		final List<String> violations = new CopyOnWriteArrayList<>();

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/validate", this::handle);
			this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/validate";
		}

		int calls(String transactionId) {
			return this.counts.getOrDefault(transactionId, new AtomicInteger()).get();
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				byte[] raw = exchange.getRequestBody().readAllBytes();
				String timestamp = exchange.getRequestHeaders().getFirst("X-Keyward-Timestamp");
				String signature = exchange.getRequestHeaders().getFirst("X-Keyward-Signature");
				if (timestamp == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
					this.violations.add("timestamp missing or stale: " + timestamp);
				}
				else if (!("sha256=" + hmac(SECRET, timestamp + "." + new String(raw, StandardCharsets.UTF_8)))
					.equals(signature)) {
					this.violations.add("bad signature " + signature);
				}
				if (exchange.getRequestHeaders().getFirst("X-Keyward-Delivery") == null) {
					this.violations.add("no delivery id");
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> body = JSON.readValue(raw, Map.class);
				String transactionId = String.valueOf(body.get("transactionId"));
				this.bodies.put(transactionId, body);
				this.counts.computeIfAbsent(transactionId, (key) -> new AtomicInteger()).incrementAndGet();
				String answer = this.answers.getOrDefault(transactionId, "200 {\"allow\":true}");
				if (answer.equals("slow")) {
					sleep();
					answer = "200 {\"allow\":true}";
				}
				byte[] out = answer.substring(4).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(Integer.parseInt(answer.substring(0, 3)), out.length);
				exchange.getResponseBody().write(out);
			}
		}

		static String hmac(String key, String text) {
			try {
				javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
				mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void sleep() {
			try {
				// past the 500 ms the profile allows
				Thread.sleep(1200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
