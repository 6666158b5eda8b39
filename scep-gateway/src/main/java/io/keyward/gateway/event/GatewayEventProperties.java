package io.keyward.gateway.event;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.gateway.events.*}: how the gateway hands its enrollment events to the
 * challenge-service.
 *
 * @param interval how often the outbox is looked at (an event waits at most this long
 * before its first attempt)
 * @param initialBackoff the wait after a failed attempt, doubled per attempt
 * @param maxBackoff the longest wait between attempts
 * @param maxAttempts attempts before the event is given up
 * ({@code event=event_publish_failed}, counter
 * {@code keyward.gateway.events.publish.failed})
 */
@Validated
@ConfigurationProperties("keyward.gateway.events")
public record GatewayEventProperties(@DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration interval,
		@DefaultValue("5s") @NotNull Duration initialBackoff, @DefaultValue("10m") @NotNull Duration maxBackoff,
		@DefaultValue("30") @Positive int maxAttempts) {

}
