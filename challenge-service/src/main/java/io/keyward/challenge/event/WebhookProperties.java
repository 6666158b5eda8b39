package io.keyward.challenge.event;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.keyward.api.event.EnrollmentEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.webhooks.*} and {@code keyward.challenge.webhook-delivery.*}:
 * where enrollment events are delivered, and how hard to try.
 *
 * @param webhooks name to receiver; none configured means events are stored and handed to
 * in-process listeners only
 * @param webhookDelivery retry and timeout settings shared by every webhook
 */
@Validated
@ConfigurationProperties("keyward.challenge")
public record WebhookProperties(@DefaultValue Map<String, @Valid Webhook> webhooks,
		@DefaultValue @Valid Delivery webhookDelivery) {

	public WebhookProperties {
		webhooks = Map.copyOf(webhooks);
	}

	/**
	 * One receiver.
	 *
	 * @param url https, or http to a loopback address only (a receiver on the same host);
	 * the event's JSON is POSTed here
	 * @param secret the HMAC-SHA256 key of {@code X-Keyward-Signature}, at least 16
	 * characters; give it from the environment or a secret file, never in a checked-in
	 * file
	 * @param events the event types sent to it; empty means all
	 */
	public record Webhook(@NotNull URI url, @NotNull String secret, @DefaultValue Set<EnrollmentEvent.Type> events) {

		public Webhook {
			String scheme = (url != null && url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			boolean loopback = url != null && url.getHost() != null && ("localhost".equalsIgnoreCase(url.getHost())
					|| url.getHost().startsWith("127.") || "[::1]".equals(url.getHost()));
			if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
				throw new IllegalArgumentException(
						"webhook url must be https (or http to a loopback address), was '" + url + "'");
			}
			if (secret == null || secret.strip().length() < 16) {
				throw new IllegalArgumentException("webhook secret must be at least 16 characters");
			}
			secret = secret.strip();
			events = Set.copyOf(events);
		}

		boolean wants(EnrollmentEvent.Type type) {
			return this.events.isEmpty() || this.events.contains(type);
		}

	}

	/**
	 * @param maxAttempts attempts per delivery before it becomes a dead letter
	 * @param initialBackoff the wait after the first failure; doubled after each further
	 * one, with up to 20 % jitter
	 * @param maxBackoff the longest wait between two attempts
	 * @param timeout connect and response timeout of one attempt
	 * @param interval how often each instance looks for due deliveries
	 * @param batchSize deliveries one instance claims per look
	 */
	public record Delivery(@DefaultValue("8") @Positive @Max(50) int maxAttempts,
			@DefaultValue("10s") @NotNull Duration initialBackoff, @DefaultValue("1h") @NotNull Duration maxBackoff,
			@DefaultValue("10s") @NotNull Duration timeout, @DefaultValue("2s") @NotNull Duration interval,
			@DefaultValue("20") @Positive @Max(500) int batchSize) {

	}

}
