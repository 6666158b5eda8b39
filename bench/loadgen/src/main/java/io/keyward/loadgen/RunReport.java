package io.keyward.loadgen;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a run: what the text summary and the JSON report show, and what tests
 * assert on.
 *
 * @param options the run's options
 * @param wallSeconds duration of the timed phase
 * @param iterations timed iterations done (enrollments, caps pairs or enroll+renew)
 * @param failedIterations timed iterations with any failure
 * @param enrollments successful PKCSReq enrollments in the timed phase
 * @param latencies per operation, timed phase only
 * @param failures by operation and kind, timed phase
 * @param warmupFailures by operation and kind, warm-up phase
 * @param issued every certificate issued, warm-up included
 * @param duplicateSerials serial numbers issued more than once, with their transactionIDs
 * @param server server usage when pids were given, else null
 * @param client what the load generator's own JVM did in the timed phase
 * @param startLag in an open-loop run, how late requests were sent after their intended
 * start (all workers busy), else null
 */
public record RunReport(LoadgenOptions options, double wallSeconds, int iterations, int failedIterations,
		int enrollments, Map<Operation, LatencySummary> latencies, Map<String, Long> failures,
		Map<String, Long> warmupFailures, List<IssuedCertificate> issued, Map<String, List<String>> duplicateSerials,
		ServerUsage server, ClientUsage client, LatencySummary startLag) {

	/**
	 * @return successful enrollments per second of the timed phase
	 */
	public double enrollmentsPerSecond() {
		return (this.wallSeconds > 0) ? this.enrollments / this.wallSeconds : 0;
	}

	/**
	 * @return successful iterations per second of the timed phase
	 */
	public double iterationsPerSecond() {
		return (this.wallSeconds > 0) ? (this.iterations - this.failedIterations) / this.wallSeconds : 0;
	}

	/**
	 * @return server CPU milliseconds per successful enrollment (per iteration for the
	 * caps mix), or NaN without pids
	 */
	public double serverCpuMillisPerEnrollment() {
		if (this.server == null) {
			return Double.NaN;
		}
		int denominator = (this.options.mix() == Mix.CAPS) ? this.iterations - this.failedIterations : this.enrollments;
		return (denominator > 0) ? this.server.cpuMillis() / denominator : Double.NaN;
	}

	/**
	 * @return true when nothing failed (warm-up included) and no serial was issued twice
	 */
	public boolean ok() {
		return this.failedIterations == 0 && this.failures.isEmpty() && this.warmupFailures.isEmpty()
				&& this.duplicateSerials.isEmpty();
	}

	/**
	 * @return the number of failed requests in the timed phase
	 */
	public long failureCount() {
		return this.failures.values().stream().mapToLong(Long::longValue).sum();
	}

}
