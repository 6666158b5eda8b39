package io.keyward.gateway.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.keyward.edge.limit.TokenBucket;

/**
 * What each client address may still do: its token bucket and its PKIOperations in
 * progress. The map is bounded: past {@code maxTracked} addresses the idle ones (nothing
 * in progress, bucket full) are forgotten, which changes no answer; while none is idle,
 * new addresses share one allowance, so a flood from many addresses cannot grow the heap.
 */
final class ClientAllowances {

	private static final String OVERFLOW = "(overflow)";

	private final ConcurrentMap<String, Allowance> byAddress = new ConcurrentHashMap<>();

	private final PkiOperationLimits limits;

	ClientAllowances(PkiOperationLimits limits) {
		this.limits = limits;
	}

	Allowance of(String address, long now) {
		Allowance known = this.byAddress.get(address);
		if (known != null) {
			return known;
		}
		if (this.byAddress.size() >= this.limits.maxTrackedClients()) {
			this.byAddress.values().removeIf((allowance) -> allowance.idle(now));
			if (this.byAddress.size() >= this.limits.maxTrackedClients()) {
				address = OVERFLOW;
			}
		}
		return this.byAddress.computeIfAbsent(address, (key) -> new Allowance(
				new TokenBucket(this.limits.ratePerClientPerSecond(), this.limits.burstPerClient(), now)));
	}

	int tracked() {
		return this.byAddress.size();
	}

	/**
	 * One client address's allowance.
	 *
	 * @param bucket its rate
	 * @param inProgress its PKIOperations in progress
	 */
	record Allowance(TokenBucket bucket, AtomicInteger inProgress) {

		Allowance(TokenBucket bucket) {
			this(bucket, new AtomicInteger());
		}

		boolean idle(long now) {
			return this.inProgress.get() == 0 && this.bucket.full(now);
		}

	}

}
