package io.keyward.ca.event;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.ca.events.*}: where the ca-adapter publishes REVOKED and EXPIRING
 * events, and when a certificate counts as expiring.
 *
 * @param challengeUrl the challenge-service, which stores and delivers the events
 * @param serviceToken the ca-adapter's own token there (caller {@code ca-adapter}, scope
 * {@code events:publish})
 * @param timeout connect and response timeout of one call
 * @param interval how often the outbox is looked at
 * @param maxAttempts attempts before an event is given up
 * ({@code event=event_publish_failed})
 * @param expiryWarning how long before its notAfter a certificate is announced EXPIRING
 * (once)
 * @param expiryScanInterval how often certificates are scanned for that
 */
@Validated
@ConfigurationProperties("keyward.ca.events")
public record CaEventProperties(@DefaultValue("http://127.0.0.1:8081") @NotNull URI challengeUrl, String serviceToken,
		@DefaultValue("10s") @NotNull Duration timeout,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 10) Duration interval,
		@DefaultValue("30") @Positive int maxAttempts, @DefaultValue("30d") @NotNull Duration expiryWarning,
		@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration expiryScanInterval) {

}
