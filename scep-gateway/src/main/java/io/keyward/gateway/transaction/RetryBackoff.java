package io.keyward.gateway.transaction;

import java.time.Duration;

/**
 * How long an open transaction waits before its next attempt: the retry interval after
 * the first unavailable attempt, doubling after each further one, up to ten minutes (or
 * the interval, when that is longer). A short outage is bridged within seconds; a long
 * one costs each waiting transaction a few calls an hour.
 *
 * @param first the wait after the first attempt
 */
record RetryBackoff(Duration first) {

	/** Longest wait between two attempts, however long the outage. */
	static final Duration MAX = Duration.ofMinutes(10);

	/**
	 * @param attempts the unavailable attempts so far, at least 1
	 * @return the wait before the next one
	 */
	Duration after(int attempts) {
		Duration ceiling = (this.first.compareTo(MAX) > 0) ? this.first : MAX;
		Duration delay = this.first;
		for (int i = 1; i < attempts && delay.compareTo(ceiling) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(ceiling) > 0) ? ceiling : delay;
	}

}
