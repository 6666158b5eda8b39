package io.keyward.loadgen;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the load generator's own JVM did while it measured: garbage collections (every
 * pause also holds up the workers that time the requests, so it lands in the measured
 * latencies) and JIT compilation (CPU taken from a server on the same cores). Shown with
 * the figures so a reader can tell a client artefact from the server's.
 *
 * @param gcCount collections in the timed phase
 * @param gcMillis their accumulated time
 * @param jitMillis time the JIT compilers spent compiling in the timed phase, or -1 when
 * the JVM does not tell
 */
public record ClientUsage(long gcCount, long gcMillis, long jitMillis) {

	/**
	 * @return the totals of this JVM so far
	 */
	static ClientUsage now() {
		long count = 0;
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			// concurrent cycles (G1's, ZGC's) are listed too; they do not stop the
			// workers
			if (collector.getName().contains("Cycles")) {
				continue;
			}
			count += Math.max(0, collector.getCollectionCount());
			millis += Math.max(0, collector.getCollectionTime());
		}
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		long jitMillis = (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit.getTotalCompilationTime()
				: -1;
		return new ClientUsage(count, millis, jitMillis);
	}

	/**
	 * @param before the totals at the start
	 * @return what happened since
	 */
	ClientUsage since(ClientUsage before) {
		return new ClientUsage(this.gcCount - before.gcCount, this.gcMillis - before.gcMillis,
				(this.jitMillis < 0 || before.jitMillis < 0) ? -1 : this.jitMillis - before.jitMillis);
	}

}
