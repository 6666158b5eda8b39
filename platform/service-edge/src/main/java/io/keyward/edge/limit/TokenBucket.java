package io.keyward.edge.limit;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; each request
 * takes one. Times are {@link System#nanoTime()} values, passed in so tests need no
 * sleeping.
 */
public final class TokenBucket {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double capacity;

	private final double tokensPerNano;

	private double tokens;

	private long updatedAt;

	public TokenBucket(int perSecond, int capacity, long now) {
		this.capacity = capacity;
		this.tokensPerNano = (double) perSecond / NANOS_PER_SECOND;
		this.tokens = capacity;
		this.updatedAt = now;
	}

	/**
	 * @return 0 when a token was taken, otherwise the nanoseconds until one is there
	 */
	public synchronized long take(long now) {
		refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (long) Math.ceil((1 - this.tokens) / this.tokensPerNano);
	}

	/**
	 * @return whether the bucket is full again, so forgetting it changes nothing
	 */
	public synchronized boolean full(long now) {
		refill(now);
		return this.tokens >= this.capacity;
	}

	private void refill(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.tokensPerNano);
		this.updatedAt = now;
	}

}
