package io.keyward.loadgen;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportJsonTests {

	static RunReport report(Map<String, List<String>> duplicates, ServerUsage server) {
		LoadgenOptions options = LoadgenOptions.parse("--url", "http://127.0.0.1:8080/scep/default", "--devices", "100",
				"--concurrency", "8", "--challenge", "static:s3cr\"et");
		return new RunReport(options, 2.0, 100, 1, 99,
				Map.of(Operation.PKI_OPERATION, new LatencySummary(100, 5, 9, 20, 31.5, 6.25)),
				Map.of("PKIOperation FAILURE badRequest", 1L), Map.of(),
				List.of(new IssuedCertificate(Operation.PKI_OPERATION, "ab", "1F", null)), duplicates, server,
				new ClientUsage(2, 17, 40), null);
	}

	@Test
	void whenRenderedThenEveryFigureHasItsKey() {
		String json = ReportJson
			.render(report(Map.of("1F", List.of("ab", "cd")), new ServerUsage(List.of(7L), 990.0, 600.0, 700.0, 3)));
		assertThat(json).startsWith("{\n")
			.contains("\"url\": \"http://127.0.0.1:8080/scep/default\"", "\"mix\": \"enroll\"", "\"concurrency\": 8",
					"\"enrollments\": 99", "\"enrollmentsPerSecond\": 49.5", "\"iterationsPerSecond\": 49.5",
					"\"PKIOperation\": {", "\"p50\": 5.0", "\"p90\": 9.0", "\"p99\": 20.0", "\"max\": 31.5",
					"\"PKIOperation FAILURE badRequest\": 1", "\"duplicateSerials\": {", "\"count\": 1",
					"\"serial\": \"1F\"", "\"transactionIds\": [\n", "\"cpuMsPerEnrollment\": 10.0",
					"\"peakRssMib\": 600.0", "\"gcPauses\": 2", "\"gcMs\": 17", "\"jitMs\": 40", "\"rehearsals\": 2000",
					"\"cores\": ", "\"ok\": false")
			.endsWith("}\n");
		assertThat(json.chars().filter((c) -> c == '{').count())
			.isEqualTo(json.chars().filter((c) -> c == '}').count());
	}

	@Test
	void whenRenderedThenTheStaticChallengeIsNotWritten() {
		String json = ReportJson.render(report(Map.of(), null));
		assertThat(json).contains("\"challenge\": \"static\"", "\"server\": null", "\"examples\": []")
			.doesNotContain("s3cr");
	}

	@Test
	void whenStringsNeedEscapingThenTheyAreEscaped() {
		assertThat(Json.write(Map.of("k", "a\"b\\c\nd\u0001")))
			.isEqualTo("{\n  \"k\": \"a\\\"b\\\\c\\nd\\u0001\"\n}\n");
		assertThat(Json.write(List.of(Double.NaN, 1.23456, 3))).isEqualTo("[\n  null,\n  1.235,\n  3\n]\n");
	}

	@Test
	void whenTheReportIsPrintedThenTheSummaryNamesFailuresAndThroughput() {
		String text = ReportText.render(report(Map.of(), null));
		assertThat(text).contains("49.5 enrollments/s", "PKIOperation FAILURE badRequest", "result: FAILED")
			.doesNotContain("s3cr");
	}

}
