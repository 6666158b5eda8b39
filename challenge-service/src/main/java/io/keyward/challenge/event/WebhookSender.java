package io.keyward.challenge.event;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.challenge.webhook.WebhookSignature;
import io.keyward.challenge.webhook.WebhookCalls;
import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * One attempt to POST an event to one webhook, with bounded connect and response timeouts
 * and no redirects (a receiver that moved is reconfigured, not followed).
 */
@Component
class WebhookSender {

	private static final int MAX_ERROR_LENGTH = 300;

	private final HttpClient http;

	private final WebhookProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookSender(WebhookProperties properties, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		WebhookCalls.timer(meters, WebhookCalls.DELIVERY, "2xx");
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.webhookDelivery().timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * @return null when the receiver answered 2xx, else what went wrong (for the
	 * dead-letter list)
	 */
	@Nullable String send(WebhookProperties.Webhook webhook, UUID eventId, String type, String body) {
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(webhook.url())
			.timeout(this.properties.webhookDelivery().timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Keyward-Webhooks/1")
			.header("X-Keyward-Event-Id", eventId.toString())
			.header("X-Keyward-Event-Type", type)
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE_HEADER,
					WebhookSignature.sign(webhook.secret(), timestamp, body.getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		long started = System.nanoTime();
		int status = 0;
		try {
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			return (response.statusCode() / 100 == 2) ? null : "HTTP " + response.statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		catch (IOException ex) {
			String message = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			return LogText.printable(message.substring(0, Math.min(message.length(), MAX_ERROR_LENGTH)));
		}
		finally {
			WebhookCalls.record(this.meters, WebhookCalls.DELIVERY, status, started);
		}
	}

}
