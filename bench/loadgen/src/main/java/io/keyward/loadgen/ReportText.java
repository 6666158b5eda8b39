package io.keyward.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable summary printed at the end of a run.
 */
final class ReportText {

	private ReportText() {
	}

	static String render(RunReport report) {
		LoadgenOptions options = report.options();
		StringBuilder out = new StringBuilder();
		line(out, "Keyward loadgen: %s mix against %s", options.mix().label(), options.url());
		line(out, "  devices %d (+%d warm-up), concurrency %d, RSA-%d, %s, %s, challenge %s", options.devices(),
				options.warmup(), options.concurrency(), options.keySize(), options.cipherName(), options.digest(),
				ReportJson.challengeMode(options.challenge()));
		line(out, "  timed phase %.2f s: %d iterations, %d failed", report.wallSeconds(), report.iterations(),
				report.failedIterations());
		if (options.openLoop()) {
			LatencySummary lag = report.startLag();
			line(out, "  open loop: %.1f requests/s scheduled, at most %d in flight; latency from each intended start",
					options.rate(), options.concurrency());
			if (lag != null) {
				line(out, "  sent after the intended start (all workers busy): p50 %.2f, p99 %.2f, max %.2f ms",
						lag.p50(), lag.p99(), lag.max());
			}
		}
		if (options.mix() == Mix.CAPS) {
			line(out, "  throughput: %.1f GetCACaps+GetCACert pairs/s", report.iterationsPerSecond());
		}
		else {
			line(out, "  throughput: %.1f enrollments/s (%d successful enrollments)", report.enrollmentsPerSecond(),
					report.enrollments());
		}
		line(out, "  latency ms      %8s %8s %8s %8s %8s", "count", "p50", "p90", "p99", "max");
		report.latencies()
			.forEach((operation, s) -> line(out, "    %-13s %8d %8.2f %8.2f %8.2f %8.2f", operation.wireName(),
					s.count(), s.p50(), s.p90(), s.p99(), s.max()));
		failures(out, "failures", report.failures());
		failures(out, "warm-up failures", report.warmupFailures());
		Map<String, List<String>> duplicates = report.duplicateSerials();
		line(out, "  duplicate serial numbers: %d", duplicates.size());
		duplicates.entrySet()
			.stream()
			.limit(ReportJson.DUPLICATE_EXAMPLES)
			.forEach((entry) -> line(out, "    serial %s issued to %s", entry.getKey(), entry.getValue()));
		ServerUsage server = report.server();
		if (server != null) {
			line(out, "  server pids %s: %.0f ms CPU, %.2f ms CPU per %s, peak RSS %.0f MiB (VmHWM sum %.0f MiB)",
					server.pids(), server.cpuMillis(), report.serverCpuMillisPerEnrollment(),
					(options.mix() == Mix.CAPS) ? "pair" : "enrollment", server.peakRssMib(), server.hwmMib());
		}
		ClientUsage client = report.client();
		if (client != null) {
			line(out, "  load generator JVM in the timed phase: %d GC pauses (%d ms), JIT %s", client.gcCount(),
					client.gcMillis(), (client.jitMillis() < 0) ? "not measured" : client.jitMillis() + " ms");
		}
		line(out, "  result: %s", report.ok() ? "OK" : "FAILED");
		return out.toString();
	}

	private static void failures(StringBuilder out, String title, Map<String, Long> failures) {
		if (failures.isEmpty()) {
			line(out, "  %s: none", title);
			return;
		}
		line(out, "  %s:", title);
		failures.forEach((kind, count) -> line(out, "    %-40s %d", kind, count));
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
	}

}
