package io.keyward.loadgen;

import java.util.concurrent.locks.LockSupport;

/**
 * When each request of an open-loop run is due: request {@code i} is intended to start at
 * {@code start + i / rate}, whatever happened to the requests before it. A worker asks
 * for its request's turn, waits until then if it is early, and goes at once if it is late
 * (every worker was busy: the server is behind). Its latency is measured from the
 * intended start, not from when it could send, so time a request spent waiting for a busy
 * server to take it counts: no coordinated omission, where a closed-loop client sending
 * only after the last answer leaves the slow moments out of its samples.
 */
final class OpenLoopSchedule {

	private final double ratePerSecond;

	private final long startNanos;

	private final Ticker ticker;

	/**
	 * @param ratePerSecond requests per second, more than 0
	 * @param startNanos when request 0 is due, on the ticker's clock
	 * @param ticker the clock and the wait (the system's in a run; a stepped one in
	 * tests)
	 */
	OpenLoopSchedule(double ratePerSecond, long startNanos, Ticker ticker) {
		if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
			throw new IllegalArgumentException("the rate must be a positive number, not " + ratePerSecond);
		}
		this.ratePerSecond = ratePerSecond;
		this.startNanos = startNanos;
		this.ticker = ticker;
	}

	/**
	 * @param ratePerSecond requests per second
	 * @return a schedule whose first request is due now, on the system's clock
	 */
	static OpenLoopSchedule startingNow(double ratePerSecond) {
		return new OpenLoopSchedule(ratePerSecond, Ticker.SYSTEM.nanoTime(), Ticker.SYSTEM);
	}

	/**
	 * @param request the request's index from 0
	 * @return when it is due, on the ticker's clock
	 */
	long intendedStart(int request) {
		return this.startNanos + Math.round(request * 1e9 / this.ratePerSecond);
	}

	/**
	 * Waits until the request is due (at once when it is overdue).
	 * @param request the request's index from 0
	 * @return when it was due: the instant its latency counts from
	 */
	long awaitTurn(int request) throws InterruptedException {
		long due = intendedStart(request);
		long now;
		while ((now = this.ticker.nanoTime()) < due) {
			this.ticker.waitNanos(due - now);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		return due;
	}

	/**
	 * The clock and the wait of a schedule.
	 */
	interface Ticker {

		Ticker SYSTEM = new Ticker() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void waitNanos(long nanos) {
				LockSupport.parkNanos(nanos);
			}

		};

		/**
		 * @return now, in nanoseconds from an arbitrary origin
		 */
		long nanoTime();

		/**
		 * Waits about that long (may return early; the schedule checks the clock again).
		 * @param nanos how long
		 */
		void waitNanos(long nanos);

	}

}
