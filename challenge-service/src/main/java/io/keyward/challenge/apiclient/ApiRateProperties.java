package io.keyward.challenge.apiclient;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The MDM API's rate per API client ({@code keyward.challenge.api-rate.*}), a token
 * bucket: {@code burst} calls at once, refilled at {@code perSecond}.
 *
 * @param enabled whether the rate applies
 * @param perSecond sustained calls per second per API client
 * @param burst calls an API client may make at once above that
 */
@Validated
@ConfigurationProperties("keyward.challenge.api-rate")
public record ApiRateProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50") @Min(1) int perSecond,
		@DefaultValue("500") @Min(1) int burst) {

}
