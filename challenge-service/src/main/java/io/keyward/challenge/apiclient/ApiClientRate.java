package io.keyward.challenge.apiclient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.keyward.edge.limit.TokenBucket;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * A rate per MDM API client on the MDM API (issue 13): each client has its own token
 * bucket, at its own rate when an admin gave it one (issue 14), else at
 * {@code keyward.challenge.api-rate.*}, so one client's bulk run does not starve the
 * others and a leaked key mints challenges only so fast. Over it the call is answered 429
 * (RFC 6585 section 4) with {@code Retry-After}, counted in
 * {@code keyward.challenge.api.refused{client}}. Checked after authentication (an unknown
 * key gets its 401 first); API clients are few, so the map stays small.
 */
@Component
public class ApiClientRate {

	private final ApiRateProperties rate;

	private final MeterRegistry meters;

	private final ConcurrentMap<Allowance, TokenBucket> buckets = new ConcurrentHashMap<>();

	ApiClientRate(ApiRateProperties rate, MeterRegistry meters) {
		this.rate = rate;
		this.meters = meters;
	}

	/**
	 * Take one call from the client's allowance.
	 * @throws ApiRateExceededException when it has none left
	 */
	public void check(ApiClientPrincipal client) {
		// a rate an admin gave the client applies even when the default one is off
		if (!this.rate.enabled() && client.ratePerSecond() == null && client.rateBurst() == null) {
			return;
		}
		long now = System.nanoTime();
		Allowance allowance = new Allowance(client.id(),
				(client.ratePerSecond() != null) ? client.ratePerSecond() : this.rate.perSecond(),
				(client.rateBurst() != null) ? client.rateBurst() : this.rate.burst());
		long wait = this.buckets.computeIfAbsent(allowance, (key) -> new TokenBucket(key.perSecond(), key.burst(), now))
			.take(now);
		if (wait > 0) {
			this.meters.counter("keyward.challenge.api.refused", "client", client.name()).increment();
			throw new ApiRateExceededException(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L)));
		}
	}

	/**
	 * A client's bucket is keyed with its rate, so a client whose rate changes starts a
	 * bucket of the new size.
	 */
	private record Allowance(long clientId, int perSecond, int burst) {
	}

}
