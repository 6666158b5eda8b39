package io.keyward.loadgen;

import java.util.Arrays;

/**
 * Every latency of one operation, in nanoseconds. Runs are at most a few hundred thousand
 * requests, so keeping all samples gives exact percentiles at a few MB.
 */
final class LatencyLog {

	private long[] samples = new long[1024];

	private int size;

	synchronized void add(long nanos) {
		if (this.size == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, this.size * 2);
		}
		this.samples[this.size++] = nanos;
	}

	synchronized long[] snapshot() {
		return Arrays.copyOf(this.samples, this.size);
	}

}
