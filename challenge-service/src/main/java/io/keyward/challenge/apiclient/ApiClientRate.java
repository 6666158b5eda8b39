package io.keyward.challenge.apiclient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.keyward.api.limit.TokenBucket;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * A rate per MDM API client on the MDM API (issue 13): each client has its own token
 * bucket ({@code keyward.challenge.api-rate.*}), so one client's bulk run does not starve
 * the others and a leaked key mints challenges only so fast. Over it the call is answered
 * 429 (RFC 6585 section 4) with {@code Retry-After}, counted in
 * {@code keyward.challenge.api.refused{client}}. Checked after authentication (an unknown
 * key gets its 401 first); API clients are few, so the map stays small.
 */
@Component
public class ApiClientRate {

	private final ApiRateProperties rate;

	private final MeterRegistry meters;

	private final ConcurrentMap<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

	ApiClientRate(ApiRateProperties rate, MeterRegistry meters) {
		this.rate = rate;
		this.meters = meters;
	}

	/**
	 * Take one call from the client's allowance.
	 * @throws ApiRateExceededException when it has none left
	 */
	public void check(ApiClientPrincipal client) {
		if (!this.rate.enabled()) {
			return;
		}
		long now = System.nanoTime();
		long wait = this.buckets
			.computeIfAbsent(client.id(), (id) -> new TokenBucket(this.rate.perSecond(), this.rate.burst(), now))
			.take(now);
		if (wait > 0) {
			this.meters.counter("keyward.challenge.api.refused", "client", client.name()).increment();
			throw new ApiRateExceededException(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L)));
		}
	}

}
