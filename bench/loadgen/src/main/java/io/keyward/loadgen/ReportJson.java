package io.keyward.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, for scripts (the side-by-side benchmark reads it). Secrets from the
 * options (API key, static challenge) are never written.
 */
final class ReportJson {

	static final int DUPLICATE_EXAMPLES = 10;

	private ReportJson() {
	}

	static String render(RunReport report) {
		return Json.write(toMap(report));
	}

	static Map<String, Object> toMap(RunReport report) {
		LoadgenOptions options = report.options();
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("url", options.url().toString());
		root.put("mix", options.mix().label());
		root.put("devices", options.devices());
		root.put("concurrency", options.concurrency());
		root.put("rateScheduled", options.openLoop() ? options.rate() : null);
		root.put("warmup", options.warmup());
		root.put("rehearsals", options.rehearsals());
		root.put("challenge", challengeMode(options.challenge()));
		root.put("keySize", options.keySize());
		root.put("cipher", options.cipherName());
		root.put("digest", options.digest());
		root.put("machine", machine());
		root.put("wallSeconds", report.wallSeconds());
		root.put("iterations", report.iterations());
		root.put("failedIterations", report.failedIterations());
		root.put("enrollments", report.enrollments());
		root.put("enrollmentsPerSecond", report.enrollmentsPerSecond());
		root.put("iterationsPerSecond", report.iterationsPerSecond());
		Map<String, Object> latencies = new LinkedHashMap<>();
		report.latencies().forEach((operation, summary) -> latencies.put(operation.wireName(), latency(summary)));
		root.put("latencyMs", latencies);
		root.put("startLagMs", (report.startLag() != null) ? latency(report.startLag()) : null);
		root.put("failures", report.failures());
		root.put("warmupFailures", report.warmupFailures());
		Map<String, Object> duplicates = new LinkedHashMap<>();
		duplicates.put("count", report.duplicateSerials().size());
		List<Object> examples = new ArrayList<>();
		report.duplicateSerials().entrySet().stream().limit(DUPLICATE_EXAMPLES).forEach((entry) -> {
			Map<String, Object> example = new LinkedHashMap<>();
			example.put("serial", entry.getKey());
			example.put("transactionIds", entry.getValue());
			examples.add(example);
		});
		duplicates.put("examples", examples);
		root.put("duplicateSerials", duplicates);
		root.put("server", server(report));
		root.put("client", client(report.client()));
		root.put("ok", report.ok());
		return root;
	}

	static String challengeMode(String spec) {
		if (spec.startsWith("static:")) {
			return "static";
		}
		return spec.startsWith("api:") ? spec : "none";
	}

	private static Map<String, Object> latency(LatencySummary summary) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("count", summary.count());
		map.put("p50", summary.p50());
		map.put("p90", summary.p90());
		map.put("p99", summary.p99());
		map.put("max", summary.max());
		map.put("mean", summary.mean());
		return map;
	}

	private static Map<String, Object> server(RunReport report) {
		ServerUsage usage = report.server();
		if (usage == null) {
			return null;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("pids", usage.pids());
		map.put("cpuMs", usage.cpuMillis());
		map.put("cpuMsPerEnrollment", report.serverCpuMillisPerEnrollment());
		map.put("peakRssMib", usage.peakRssMib());
		map.put("vmHwmMib", usage.hwmMib());
		map.put("samples", usage.samples());
		return map;
	}

	private static Map<String, Object> client(ClientUsage usage) {
		if (usage == null) {
			return null;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("gcPauses", usage.gcCount());
		map.put("gcMs", usage.gcMillis());
		map.put("jitMs", (usage.jitMillis() < 0) ? null : usage.jitMillis());
		return map;
	}

	static Map<String, Object> machine() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("cores", Runtime.getRuntime().availableProcessors());
		map.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
		map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		return map;
	}

}
