package io.keyward.loadgen;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects what the workers observe: latency per operation, failures by kind, issued
 * certificates and the counters the progress line shows. Thread-safe.
 */
final class Recorder {

	private final Map<Operation, LatencyLog> latencies = new EnumMap<>(Operation.class);

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private final Queue<IssuedCertificate> issued = new ConcurrentLinkedQueue<>();

	private final AtomicInteger iterations = new AtomicInteger();

	private final AtomicInteger failedIterations = new AtomicInteger();

	private final AtomicInteger enrollments = new AtomicInteger();

	private final LatencyLog startLags = new LatencyLog();

	private final Timeline timeline;

	Recorder() {
		this(null);
	}

	/**
	 * @param timeline where every request also goes, or null
	 */
	Recorder(Timeline timeline) {
		this.timeline = timeline;
		for (Operation operation : Operation.values()) {
			this.latencies.put(operation, new LatencyLog());
		}
	}

	/**
	 * @param operation what was requested
	 * @param start the {@link System#nanoTime()} the latency counts from
	 * @param nanos how long it took, failed or not
	 * @param outcome {@code null} on success, else the failure kind such as
	 * {@code FAILURE badRequest} or {@code HTTP 500}
	 */
	void record(Operation operation, long start, long nanos, String outcome) {
		this.latencies.get(operation).add(nanos);
		if (this.timeline != null) {
			this.timeline.add(operation, start, nanos, outcome);
		}
		if (outcome != null) {
			this.failures.computeIfAbsent(operation.wireName() + " " + outcome, (k) -> new LongAdder()).increment();
		}
	}

	/**
	 * In an open-loop run: how late a request was sent after its intended start (every
	 * worker was busy until then). Large lags mean the client, not only the server, was
	 * short of workers; the request's latency still counts from the intended start.
	 * @param nanos the lag
	 */
	void startLag(long nanos) {
		this.startLags.add(nanos);
	}

	/**
	 * @return the start lags' percentiles, or null when none were recorded (closed loop)
	 */
	LatencySummary startLagSummary() {
		long[] samples = this.startLags.snapshot();
		return (samples.length > 0) ? LatencySummary.of(samples) : null;
	}

	void issued(IssuedCertificate certificate) {
		this.issued.add(certificate);
		if (certificate.operation() == Operation.PKI_OPERATION) {
			this.enrollments.incrementAndGet();
		}
	}

	void iterationDone(boolean ok) {
		this.iterations.incrementAndGet();
		if (!ok) {
			this.failedIterations.incrementAndGet();
		}
	}

	int iterations() {
		return this.iterations.get();
	}

	int failedIterations() {
		return this.failedIterations.get();
	}

	int enrollments() {
		return this.enrollments.get();
	}

	Map<Operation, LatencySummary> latencySummaries() {
		Map<Operation, LatencySummary> summaries = new EnumMap<>(Operation.class);
		this.latencies.forEach((operation, log) -> {
			long[] samples = log.snapshot();
			if (samples.length > 0) {
				summaries.put(operation, LatencySummary.of(samples));
			}
		});
		return summaries;
	}

	Map<String, Long> failures() {
		Map<String, Long> sorted = new TreeMap<>();
		this.failures.forEach((kind, count) -> sorted.put(kind, count.sum()));
		return sorted;
	}

	List<IssuedCertificate> issuedCertificates() {
		return List.copyOf(this.issued);
	}

}
