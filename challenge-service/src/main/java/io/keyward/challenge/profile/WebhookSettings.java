package io.keyward.challenge.profile;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyward.challenge.profiles.
 *
<p>
 * .webhook.*}: where a {@code webhook} profile asks whether to issue.
 *
 * @param url the endpoint the request is POSTed to (HTTPS outside a lab)
 * @param secret the HMAC-SHA256 key of the {@code X-Keyward-Signature} header, at least
 * 32 characters; the receiver holds the same
 * @param timeout per attempt
 * @param retries further attempts after a timeout, a connection failure or a 5xx
 */
public record WebhookSettings(@NotNull URI url, @NotNull String secret, @DefaultValue("10s") @NotNull Duration timeout,
		@DefaultValue("2") @PositiveOrZero @Max(5) int retries) {

	public WebhookSettings {
		if (secret != null && secret.strip().length() < 32) {
			throw new IllegalArgumentException("a challenge webhook's secret must be at least 32 characters");
		}
		if (url != null && !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
			throw new IllegalArgumentException("a challenge webhook's url must be http(s)");
		}
	}

	@Override
	public String toString() {
		return "WebhookSettings[url=" + this.url + ", secret=(hidden)]";
	}

}
