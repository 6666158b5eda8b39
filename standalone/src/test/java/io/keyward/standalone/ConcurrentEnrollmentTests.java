package io.keyward.standalone;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import io.keyward.loadgen.ChallengeApi;
import io.keyward.loadgen.ChallengeSource;
import io.keyward.loadgen.DeviceFixtures;
import io.keyward.loadgen.IssuedCertificate;
import io.keyward.loadgen.LoadRun;
import io.keyward.loadgen.LoadgenOptions;
import io.keyward.loadgen.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness under concurrency (not speed): the load generator enrolls hundreds of
 * devices at once against the booted suite, then against two gateways and two
 * challenge-services sharing one database, and the three schemas must agree: every minted
 * challenge redeemed exactly once, one certificate per transactionID, no serial number
 * twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ConcurrentEnrollmentTests {

	static final String API_KEY = "kw_concurrency-test-api-key-0123456789abcdefghij";

	static KeywardSuite suite;

	static IssuanceLedger ledger;

	static int gatewayReplicaPort;

	static int challengeReplicaPort;

	/** RSA key generation would dominate the test time: the devices share 24 keys. */
	static List<KeyPair> keys;

	@BeforeAll
	static void startSuiteAndReplicas() throws Exception {
		FutureTask<List<KeyPair>> pool = inBackground(() -> DeviceFixtures.keyPool(24, 2048));
		Path dataDir = Files.createTempDirectory(Path.of("target"), "concurrency-data");
		suite = KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir),
				// the load generator is one client address at many times the default
				// per-client PKIOperation and minting limits (PkiOperationLimitTests and
				// ApiClientRateLimitTests test those)
				Map.of("keyward.challenge.bootstrap-api-key", API_KEY, "keyward.gateway.limits.enabled", "false",
						"keyward.challenge.api-rate.enabled", "false"),
				null);
		gatewayReplicaPort = EnrollmentEndToEndTests.freePort();
		challengeReplicaPort = EnrollmentEndToEndTests.freePort();
		suite.startReplica("challenge-service", challengeReplicaPort);
		// the second gateway redeems at the second challenge-service
		suite.startReplica("scep-gateway", gatewayReplicaPort,
				Map.of("keyward.gateway.challenge-url", "http://127.0.0.1:" + challengeReplicaPort));
		ledger = new IssuanceLedger(suite);
		keys = pool.get();
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void whenThreeHundredDevicesEnrollAtSixteenConcurrentThenEachChallengeIsRedeemedOnceWithOneCertificate()
			throws Exception {
		long challengesBefore = ledger.maxChallengeId();
		RunReport report = run(gatewayUrl(suite.settings().gatewayPort()), 300, 16,
				mintingAt(suite.settings().challengePort(), 16), null);

		assertNoFailures(report, 300);
		assertRecordedOnceEach(issued(report), challengesBefore, 300);
	}

	@Test
	void whenTwoGatewaysAndTwoChallengeServicesShareTheDatabaseThenEachChallengeIsRedeemedOnceWithOneCertificate()
			throws Exception {
		long challengesBefore = ledger.maxChallengeId();
		// minted at one challenge-service, redeemed through the other
		FutureTask<RunReport> second = inBackground(() -> run(gatewayUrl(gatewayReplicaPort), 100, 8,
				mintingAt(suite.settings().challengePort(), 4), null));
		RunReport first = run(gatewayUrl(suite.settings().gatewayPort()), 100, 8, mintingAt(challengeReplicaPort, 4),
				null);

		assertNoFailures(first, 100);
		assertNoFailures(second.get(), 100);
		List<IssuedCertificate> issued = new ArrayList<>(issued(first));
		issued.addAll(issued(second.get()));
		assertThat(issued).extracting(IssuedCertificate::serial).doesNotHaveDuplicates();
		assertRecordedOnceEach(issued, challengesBefore, 200);
	}

	@Test
	void whenBothGatewaysRaceForTheSameChallengesThenEachIsRedeemedExactlyOnce() throws Exception {
		int challenges = 24;
		long challengesBefore = ledger.maxChallengeId();
		long certificatesBefore = ledger.maxCertificateId();
		List<String> minted = mintingAt(suite.settings().challengePort(), 4).challenges(challenges);
		CyclicBarrier together = new CyclicBarrier(2);
		FutureTask<RunReport> replica = inBackground(
				() -> run(gatewayUrl(gatewayReplicaPort), challenges, 8, ChallengeSource.of(minted), together));
		RunReport primary = run(gatewayUrl(suite.settings().gatewayPort()), challenges, 8, ChallengeSource.of(minted),
				together);

		List<IssuedCertificate> issued = new ArrayList<>(issued(primary));
		issued.addAll(issued(replica.get()));
		assertThat(issued).as("one winner per challenge").hasSize(challenges);
		assertThat(issued).extracting(IssuedCertificate::challenge).containsExactlyInAnyOrderElementsOf(minted);
		long losers = primary.failureCount() + replica.get().failureCount();
		assertThat(losers).isEqualTo(challenges);
		assertThat(primary.failures().keySet()).isSubsetOf("PKIOperation FAILURE badRequest");
		assertThat(replica.get().failures().keySet()).isSubsetOf("PKIOperation FAILURE badRequest");
		assertThat(primary.duplicateSerials()).isEmpty();
		assertRecordedOnceEach(issued, challengesBefore, challenges);
		assertThat(ledger.certificatesAfter(certificatesBefore)).as("no certificate for a losing request")
			.isEqualTo(challenges);
	}

	private static RunReport run(String url, int devices, int concurrency, ChallengeSource challenges,
			CyclicBarrier together) throws Exception {
		LoadgenOptions options = LoadgenOptions.parse("--url", url, "--devices", Integer.toString(devices),
				"--concurrency", Integer.toString(concurrency), "--timeout", "60");
		LoadRun run = new LoadRun(options, challenges, null).withKeys(keys);
		return (together != null) ? run.startTogether(together).run() : run.run();
	}

	private static ChallengeSource mintingAt(int challengePort, int parallelism) {
		return new ChallengeApi(URI.create("http://127.0.0.1:" + challengePort), API_KEY, "default", parallelism,
				Duration.ofSeconds(30));
	}

	private static String gatewayUrl(int port) {
		return "http://127.0.0.1:" + port + "/scep/default";
	}

	private static List<IssuedCertificate> issued(RunReport report) {
		return report.issued();
	}

	private static void assertNoFailures(RunReport report, int enrollments) {
		assertThat(report.failures()).as("failures by kind").isEmpty();
		assertThat(report.failedIterations()).isZero();
		assertThat(report.enrollments()).isEqualTo(enrollments);
		assertThat(report.duplicateSerials()).as("duplicate serials").isEmpty();
	}

	/**
	 * The challenges minted since {@code challengesBefore} are exactly the ones the
	 * issued certificates used, each redeemed once by its own transaction, and every such
	 * transaction has one certificate in ca.certificate and one ISSUED row in
	 * gateway.transaction with the same serial number.
	 */
	private static void assertRecordedOnceEach(List<IssuedCertificate> issued, long challengesBefore, int minted)
			throws Exception {
		Set<String> transactionIds = new HashSet<>();
		for (IssuedCertificate certificate : issued) {
			assertThat(transactionIds.add(certificate.transactionId()))
				.as("transactionID %s issued once", certificate.transactionId())
				.isTrue();
		}
		List<IssuanceLedger.ChallengeRow> challenges = ledger.challengesAfter(challengesBefore);
		assertThat(challenges).as("challenges minted in this test").hasSize(minted);
		assertThat(challenges)
			.allSatisfy((row) -> assertThat(row.redeemed()).as("challenge %d redeemed", row.id()).isTrue());
		assertThat(challenges).extracting(IssuanceLedger.ChallengeRow::transactionId)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(transactionIds);

		Map<String, List<BigInteger>> ca = ledger.caSerials(transactionIds);
		Map<String, List<BigInteger>> gateway = ledger.gatewayIssued(transactionIds);
		assertThat(ca).hasSize(issued.size());
		assertThat(gateway).hasSize(issued.size());
		for (IssuedCertificate certificate : issued) {
			BigInteger serial = new BigInteger(certificate.serial(), 16);
			assertThat(ca.get(certificate.transactionId())).as("ca.certificate for %s", certificate.transactionId())
				.containsExactly(serial);
			assertThat(gateway.get(certificate.transactionId()))
				.as("ISSUED gateway.transaction for %s", certificate.transactionId())
				.containsExactly(serial);
		}
		assertThat(ledger.duplicateSerialsInCa()).isZero();
		assertThat(ledger.certificatesWithoutRequest()).isZero();
	}

	/**
	 * Work on a thread of its own, never the common ForkJoinPool: the services in this
	 * JVM complete their inter-service HTTP calls there, and a load run parked on it (as
	 * {@code CompletableFuture.supplyAsync} would do with one common-pool worker on two
	 * cores) stalls every redemption until its 10 s read timeout.
	 */
	private static <T> FutureTask<T> inBackground(Callable<T> work) {
		FutureTask<T> task = new FutureTask<>(work);
		Thread.ofPlatform().name("concurrency-test-background").start(task);
		return task;
	}

}
