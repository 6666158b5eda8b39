package io.keyward.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request of the timed phase on the wall clock ({@code --timeline}): when it was
 * due (in an open loop its intended start, else its start), how long it took, what it was
 * and how it ended. One CSV line per request, sorted by start, so that a slow stretch can
 * be laid beside the server's GC log, PostgreSQL's log or a CPU sampler's time line.
 * Thread-safe.
 */
final class Timeline {

	static final String HEADER = "start_epoch_ms,latency_ms,operation,outcome";

	private final long epochNanosAtOrigin = System.currentTimeMillis() * 1_000_000L;

	private final long nanoTimeAtOrigin = System.nanoTime();

	private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();

	/**
	 * @param operation what was requested
	 * @param start the {@link System#nanoTime()} its latency counts from
	 * @param nanos its latency
	 * @param outcome {@code null} on success, else the failure kind
	 */
	void add(Operation operation, long start, long nanos, String outcome) {
		long startEpochNanos = this.epochNanosAtOrigin + (start - this.nanoTimeAtOrigin);
		this.entries.add(new Entry(startEpochNanos, nanos, operation, outcome));
	}

	void write(Path file) throws IOException {
		List<Entry> sorted = new ArrayList<>(this.entries);
		sorted.sort(Comparator.comparingLong(Entry::startEpochNanos));
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.newLine();
			for (Entry entry : sorted) {
				out.write(String.format(Locale.ROOT, "%.3f,%.3f,%s,%s", entry.startEpochNanos() / 1e6,
						entry.nanos() / 1e6, entry.operation().wireName(),
						(entry.outcome() != null) ? '"' + entry.outcome().replace("\"", "\"\"") + '"' : "ok"));
				out.newLine();
			}
		}
	}

	private record Entry(long startEpochNanos, long nanos, Operation operation, String outcome) {
	}

}
