package io.keyward.challenge.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.challenge.profile.WebhookSettings;
import io.keyward.challenge.validator.ChallengeValidator;
import io.keyward.edge.log.LogText;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.stereotype.Component;

/**
 * The {@code webhook} mode, after step-ca's SCEPCHALLENGE webhook: the request (CSR,
 * challenge, transactionID, profile and the CSR's parsed facts) is POSTed as JSON to the
 * profile's URL, signed ({@link WebhookSignature}), and the certificate is issued only
 * when the answer is 200 with {@code {"allow":true}}. Any other answer refuses, with the
 * receiver's {@code reason} when it gave one; a timeout, a connection failure or a 5xx is
 * tried again up to the configured retries and then refuses too (never PENDING). The
 * preview asks nothing, so the webhook is called once per request.
 */
@Component
class WebhookValidator implements ChallengeValidator {

	private static final Logger log = LoggerFactory.getLogger(WebhookValidator.class);

	static final String UNAVAILABLE = "challenge webhook unavailable";

	private static final int REASON_LIMIT = 200;

	private final ChallengeProfiles profiles;

	private final Clock clock;

	private final MeterRegistry meters;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	WebhookValidator(ChallengeProfiles profiles, Clock clock, MeterRegistry meters) {
		this.profiles = profiles;
		this.clock = clock;
		this.meters = meters;
		WebhookCalls.timer(meters, WebhookCalls.VALIDATION, "2xx");
	}

	@Override
	public ChallengeMode mode() {
		return ChallengeMode.WEBHOOK;
	}

	@Override
	public RedemptionResult preview(RedemptionRequest request) {
		body(request);
		return RedemptionResult.accepted(this.profiles.require(request.profile()).template());
	}

	@Override
	public RedemptionResult redeem(RedemptionRequest request) {
		ChallengeProfile profile = this.profiles.require(request.profile());
		WebhookSettings webhook = profile.webhook();
		byte[] body = body(request);
		String delivery = UUID.randomUUID().toString();
		for (int attempt = 1; attempt <= 1 + webhook.retries(); attempt++) {
			HttpResponse<byte[]> response = send(webhook, body, delivery, request);
			if (response != null && response.statusCode() < 500) {
				return judge(response, profile, request);
			}
		}
		count("unavailable");
		return RedemptionResult.rejected(UNAVAILABLE);
	}

	private RedemptionResult judge(HttpResponse<byte[]> response, ChallengeProfile profile, RedemptionRequest request) {
		Map<?, ?> answer = (response.statusCode() == 200) ? parse(response.body()) : Map.of();
		if (Boolean.TRUE.equals(answer.get("allow"))) {
			log.info("event=challenge_webhook_allowed profile={} transactionId={}", LogText.token(profile.name()),
					LogText.token(request.transactionId()));
			count("allowed");
			return RedemptionResult.accepted(profile.template());
		}
		String reason = (answer.get("reason") instanceof String text && !text.isBlank())
				? LogText.printable(text.substring(0, Math.min(text.length(), REASON_LIMIT)))
				: "HTTP " + response.statusCode();
		log.info("event=challenge_webhook_denied profile={} transactionId={} status={} reason=\"{}\"",
				LogText.token(profile.name()), LogText.token(request.transactionId()), response.statusCode(), reason);
		count("denied");
		return RedemptionResult.rejected("refused by the challenge webhook: " + reason);
	}

	private @Nullable HttpResponse<byte[]> send(WebhookSettings webhook, byte[] body, String delivery,
			RedemptionRequest request) {
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest call = HttpRequest.newBuilder(webhook.url())
			.timeout(webhook.timeout())
			.header("Content-Type", "application/json")
			.header("X-Keyward-Delivery", delivery)
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhook.secret(), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		long started = System.nanoTime();
		int status = 0;
		try {
			HttpResponse<byte[]> response = this.http.send(call, HttpResponse.BodyHandlers.ofByteArray());
			status = response.statusCode();
			if (response.statusCode() >= 500) {
				log.warn("event=challenge_webhook_failed transactionId={} status={}",
						LogText.token(request.transactionId()), response.statusCode());
			}
			return response;
		}
		catch (IOException ex) {
			log.warn("event=challenge_webhook_failed transactionId={} cause={}", LogText.token(request.transactionId()),
					ex.getClass().getSimpleName());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			WebhookCalls.record(this.meters, WebhookCalls.VALIDATION, status, started);
		}
	}

	private byte[] body(RedemptionRequest request) {
		if (request.transactionId() == null || request.transactionId().isBlank()) {
			throw new InvalidRequest("'transactionId' is required.");
		}
		if (request.csr() == null || request.csr().isBlank()) {
			throw new InvalidRequest("'csr' is required for a webhook profile.");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("profile", request.profile());
		body.put("transactionId", request.transactionId());
		body.put("challenge", request.challenge());
		body.put("csr", request.csr());
		body.put("subject", request.subject());
		body.put("subjectAltNames", request.subjectAltNames());
		body.put("publicKeySha256", request.publicKeySha256());
		return this.json.writeValueAsBytes(body);
	}

	private Map<?, ?> parse(byte[] body) {
		try {
			Object value = this.json.readValue(body, Object.class);
			return (value instanceof Map<?, ?> map) ? map : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private void count(String outcome) {
		this.meters.counter("keyward.challenge.webhook.validations", "outcome", outcome).increment();
	}

}
