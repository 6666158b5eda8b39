package io.keyward.gateway.refusal;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many refusals the gateway keeps ({@code keyward.gateway.refusals.*}). A client can
 * be refused as fast as it can send, so the table is bounded both by age and by rows,
 * purged on a schedule; between two purges it holds at most what arrived meanwhile.
 *
 * @param maxRows newest refusals kept
 * @param maxAge refusals older than this are dropped
 * @param purgeInterval how often the purge runs
 */
@Validated
@ConfigurationProperties("keyward.gateway.refusals")
public record RefusalRetention(@DefaultValue("10000") @Min(1) int maxRows,
		@DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration maxAge,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration purgeInterval) {

}
