package io.keyward.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTests {

	@Test
	void whenEveryEnrollmentSucceedsThenEachSerialIsRecordedOnceAndExitCodeIsZero(@TempDir Path dir) throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			Path json = dir.resolve("report.json");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exit = LoadGenerator.run(
					new String[] { "--url", server.url(), "--devices", "12", "--concurrency", "4", "--warmup", "2",
							"--challenge", "static:secret", "--key-size", "1024", "--json", json.toString(), "--pids",
							Long.toString(ProcessHandle.current().pid()) },
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
			String text = out.toString(StandardCharsets.UTF_8);
			assertThat(exit).as(text).isZero();
			assertThat(text).contains("12 successful enrollments", "PKIOperation", "duplicate serial numbers: 0",
					"result: OK", "ms CPU per enrollment");
			assertThat(Files.readString(json)).contains("\"enrollments\": 12", "\"ok\": true",
					"\"cpuMsPerEnrollment\"");
		}
	}

	@Test
	void whenTheServerRepeatsSerialNumbersThenDuplicatesAreReportedAndExitCodeIsOne() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", true)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "6", "--concurrency", "3",
					"--challenge", "static:secret", "--key-size", "1024");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.enrollments()).isEqualTo(6);
			assertThat(report.duplicateSerials()).containsOnlyKeys("2");
			assertThat(report.duplicateSerials().get("2")).hasSize(6);
			assertThat(report.ok()).isFalse();
		}
	}

	@Test
	void whenTheChallengeIsWrongThenFailuresAreCountedByFailInfo() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "4", "--concurrency", "2",
					"--challenge", "static:wrong", "--key-size", "1024");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.failures()).isEqualTo(Map.of("PKIOperation FAILURE badRequest", 4L));
			assertThat(report.failedIterations()).isEqualTo(4);
			assertThat(report.enrollments()).isZero();
			assertThat(report.ok()).isFalse();
		}
	}

	@Test
	void whenRenewalIsRefusedThenItCountsAsBadRequestAfterASuccessfulEnrollment() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "3", "--concurrency", "3",
					"--challenge", "static:secret", "--key-size", "1024", "--mix", "renewal");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.enrollments()).isEqualTo(3);
			assertThat(report.failures()).isEqualTo(Map.of("RenewalReq FAILURE badRequest", 3L));
			assertThat(report.latencies()).containsKeys(Operation.PKI_OPERATION, Operation.RENEWAL_REQ);
		}
	}

	@Test
	void whenTheMixIsCapsThenBothGetOperationsAreTimedAndNothingIsEnrolled() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "10", "--concurrency",
					"2", "--mix", "caps");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.ok()).isTrue();
			assertThat(report.issued()).isEmpty();
			assertThat(report.latencies().get(Operation.GET_CA_CAPS).count()).isEqualTo(10);
			assertThat(report.latencies().get(Operation.GET_CA_CERT).count()).isEqualTo(10);
			assertThat(report.iterationsPerSecond()).isPositive();
		}
	}

	@Test
	void whenTheServerIsUnreachableThenPreparationFailsWithExitCodeTwo() {
		int exit = LoadGenerator.run(
				new String[] { "--url", "http://127.0.0.1:1/scep", "--devices", "1", "--key-size", "1024", "--timeout",
						"2" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
		assertThat(exit).isEqualTo(2);
	}

	@Test
	void whenDevicesAreGeneratedThenTransactionIdsAreDistinctPublicKeyHashes() {
		Set<String> ids = new HashSet<>();
		for (Device device : DeviceFixtures.generate("t", java.util.Collections.nCopies(4, null), 1024, false)) {
			assertThat(device.transactionId()).isEqualTo(DeviceFixtures.transactionId(device.keys().getPublic()))
				.hasSize(64);
			ids.add(device.transactionId());
		}
		assertThat(ids).hasSize(4);
	}

}
