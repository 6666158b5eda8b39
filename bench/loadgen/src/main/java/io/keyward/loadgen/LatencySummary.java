package io.keyward.loadgen;

import java.util.Arrays;

/**
 * Percentiles of one operation's latencies in milliseconds, by the nearest-rank method:
 * the p-th percentile is the smallest sample with at least p percent of the samples at or
 * below it.
 *
 * @param count number of samples
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max the slowest
 * @param mean the mean
 */
public record LatencySummary(int count, double p50, double p90, double p99, double max, double mean) {

	static LatencySummary of(long[] nanos) {
		if (nanos.length == 0) {
			return new LatencySummary(0, 0, 0, 0, 0, 0);
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0);
		return new LatencySummary(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 90)),
				millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), mean / 1_000_000.0);
	}

	static long percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
