package io.keyward.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class LoadRunTests {

	@Test
	void whenEveryEnrollmentSucceedsThenEachSerialIsRecordedOnceAndExitCodeIsZero(@TempDir Path dir) throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			Path json = dir.resolve("report.json");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream progress = new ByteArrayOutputStream();
			int exit = LoadGenerator.run(
					new String[] { "--url", server.url(), "--devices", "12", "--concurrency", "4", "--warmup", "2",
							"--rehearsals", "100", "--challenge", "static:secret", "--key-size", "1024", "--json",
							json.toString(), "--pids", Long.toString(ProcessHandle.current().pid()) },
					new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(progress, true, StandardCharsets.UTF_8));
			String text = out.toString(StandardCharsets.UTF_8);
			assertThat(exit).as(text).isZero();
			assertThat(progress.toString(StandardCharsets.UTF_8))
				.contains("rehearsing the client's exchange against a stand-in in this JVM: up to 100");
			assertThat(text).contains("12 successful enrollments", "PKIOperation", "duplicate serial numbers: 0",
					"result: OK", "ms CPU per enrollment", "load generator JVM in the timed phase: ");
			assertThat(Files.readString(json)).contains("\"enrollments\": 12", "\"ok\": true", "\"cpuMsPerEnrollment\"",
					"\"gcPauses\": ", "\"rehearsals\": 100");
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
	void whenARateIsGivenThenRequestsStartOnScheduleAndTheLagIsReported() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exit = LoadGenerator.run(
					new String[] { "--url", server.url(), "--devices", "40", "--concurrency", "4", "--rate", "400",
							"--rehearsals", "0", "--challenge", "static:secret", "--key-size", "1024", "--key-pool",
							"2" },
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
			String text = out.toString(StandardCharsets.UTF_8);
			assertThat(exit).as(text).isZero();
			assertThat(text).contains("40 successful enrollments",
					"open loop: 400.0 requests/s scheduled, at most 4 in flight",
					"sent after the intended start (all workers busy): p50 ");
		}
	}

	@Test
	void whenARateIsGivenThenTheLastRequestDoesNotStartBeforeItIsDue() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "30", "--concurrency",
					"3", "--rate", "200", "--challenge", "static:secret", "--key-size", "1024", "--key-pool", "2");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.enrollments()).isEqualTo(30);
			// request 29 is due 145 ms after request 0, whatever the server's speed
			assertThat(report.wallSeconds()).isGreaterThanOrEqualTo(0.145);
			assertThat(report.startLag().count()).isEqualTo(30);
			assertThat(report.latencies().get(Operation.PKI_OPERATION).count()).isEqualTo(30);
		}
	}

	@Test
	void whenARateIsGivenThenTheWarmUpArrivesOnTheSameSchedule() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "2", "--warmup", "6",
					"--concurrency", "4", "--rate", "20", "--challenge", "static:secret", "--key-size", "1024",
					"--key-pool", "2");
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			assertThat(report.enrollments()).isEqualTo(2);
			List<Long> arrivals = server.pkiOperationArrivals();
			assertThat(arrivals).hasSize(8);
			// at 20/s warm-up request 3 is due 150 ms after request 0; a closed
			// loop of four workers sends both at once
			assertThat((arrivals.get(3) - arrivals.get(0)) / 1e6).isGreaterThan(140.0);
		}
	}

	@Test
	void whenATimelineIsAskedForThenEveryTimedRequestIsALineOnItsScheduleAndTheWarmUpIsNot(@TempDir Path dir)
			throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			Path timeline = dir.resolve("timeline.csv");
			long before = System.currentTimeMillis();
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "30", "--warmup", "5",
					"--concurrency", "3", "--rate", "200", "--challenge", "static:wrong", "--key-size", "1024",
					"--key-pool", "2", "--timeline", timeline.toString());
			RunReport report = new LoadRun(options, ChallengeSource.from(options), null).run();
			long after = System.currentTimeMillis();
			List<String> lines = Files.readAllLines(timeline);
			assertThat(lines).first().isEqualTo("start_epoch_ms,latency_ms,operation,outcome");
			List<String[]> rows = lines.stream().skip(1).map((line) -> line.split(",", 4)).toList();
			assertThat(rows).hasSize(30)
				.allSatisfy(
						(row) -> assertThat(row[2] + " " + row[3]).isEqualTo("PKIOperation \"FAILURE badRequest\""));
			double[] starts = rows.stream().mapToDouble((row) -> Double.parseDouble(row[0])).toArray();
			assertThat(starts).isSorted();
			assertThat(starts[0]).isBetween((double) before, (double) after);
			// at 200/s request 29 was due 145 ms after request 0, whatever the
			// server's speed
			assertThat(starts[29] - starts[0]).isCloseTo(145.0, offset(1.0));
			assertThat(rows.stream().mapToDouble((row) -> Double.parseDouble(row[1])).max().orElseThrow())
				.isEqualTo(report.latencies().get(Operation.PKI_OPERATION).max(), offset(0.01));
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
		for (Device device : DeviceFixtures.generate("t", Collections.nCopies(4, null), 1024, false, List.of())) {
			assertThat(device.transactionId()).isEqualTo(DeviceFixtures.transactionId(device.keys().getPublic()))
				.hasSize(64);
			ids.add(device.transactionId());
		}
		assertThat(ids).hasSize(4);
	}

	@Test
	void whenKeysArePooledThenTransactionIdsStayUniquePerDevice() {
		List<KeyPair> pool = DeviceFixtures.keyPool(2, 1024);
		List<Device> devices = DeviceFixtures.generate("t", Collections.nCopies(6, null), 1024, true, pool);
		assertThat(devices).extracting(Device::transactionId).doesNotHaveDuplicates();
		assertThat(devices).extracting((d) -> d.keys().getPublic())
			.containsOnly(pool.get(0).getPublic(), pool.get(1).getPublic());
		assertThat(devices.get(0).renewal().keys()).isNotSameAs(devices.get(0).keys());
	}

	@Test
	void whenTwoRunsShareChallengesAndStartTogetherThenEachChallengeIssuesOnce() throws Exception {
		try (FakeScepServer server = new FakeScepServer("secret", false)) {
			LoadgenOptions options = LoadgenOptions.parse("--url", server.url(), "--devices", "5", "--concurrency", "2",
					"--key-size", "1024", "--key-pool", "3");
			CyclicBarrier barrier = new CyclicBarrier(2);
			ChallengeSource same = ChallengeSource.of(List.of("secret", "secret", "secret", "secret", "secret"));
			CompletableFuture<RunReport> other = CompletableFuture.supplyAsync(() -> {
				try {
					return new LoadRun(options, same, null).startTogether(barrier).run();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			RunReport mine = new LoadRun(options, same, null).startTogether(barrier).run();
			// the fake server's challenge is static, so both runs succeed
			assertThat(mine.enrollments() + other.get().enrollments()).isEqualTo(10);
		}
	}

}
