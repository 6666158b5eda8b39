package io.keyward.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a flood of 2 MB PKIOperations, at many times the limits, against the suite
 * started as {@code ./keyward start} starts it: its own JVM with the documented heap
 * ({@code -Xmx512m -XX:+UseSerialGC}). Loopback only, bounded in time (15 s). The flood
 * comes from 127.0.0.2 and 127.0.0.3, the legitimate device (micromdm's
 * {@code scepclient}) from 127.0.0.1; during the flood it still enrolls, the suite never
 * runs out of memory, and the database grows by a bounded amount.
 */
class FloodEndToEndTests {

	static final String API_KEY = "kw_flood-test-api-key-0123456789abcdefghijklmnopq";

	static final Duration FLOOD = Duration.ofSeconds(15);

	static final int MESSAGE_SIZE = 2 * 1024 * 1024;

	/** Four times the per-client concurrency limit (8), from each of two addresses. */
	static final int CONNECTIONS_PER_ADDRESS = 32;

	static Path dataDir;

	static Process suite;

	static Path log;

	static int gatewayPort;

	static int challengePort;

	static int databasePort;

	@BeforeAll
	static void startSuiteInItsOwnJvm() throws Exception {
		dataDir = Files.createTempDirectory(Path.of("target"), "flood-data").toAbsolutePath();
		log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
		gatewayPort = EnrollmentEndToEndTests.freePort();
		challengePort = EnrollmentEndToEndTests.freePort();
		databasePort = EnrollmentEndToEndTests.freePort();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				KeywardStandalone.class.getName());
		Map<String, String> env = builder.environment();
		env.put("KEYWARD_DATA_DIR", dataDir.toString());
		env.put("KEYWARD_GATEWAY_PORT", Integer.toString(gatewayPort));
		env.put("KEYWARD_CHALLENGE_PORT", Integer.toString(challengePort));
		env.put("KEYWARD_CA_PORT", Integer.toString(EnrollmentEndToEndTests.freePort()));
		env.put("KEYWARD_ADMIN_PORT", Integer.toString(EnrollmentEndToEndTests.freePort()));
		env.put("KEYWARD_DB_PORT", Integer.toString(databasePort));
		env.put("KEYWARD_GATEWAY_HTTPS_PORT", Integer.toString(EnrollmentEndToEndTests.freePort()));
		env.put("KEYWARD_GATEWAY_MANAGEMENT_PORT", Integer.toString(EnrollmentEndToEndTests.freePort()));
		env.put("KEYWARD_BOOTSTRAP_API_KEY", API_KEY);
		env.put("KEYWARD_ADMIN_INITIAL_PASSWORD", EnrollmentEndToEndTests.ADMIN_PASSWORD);
		env.put("KEYWARD_SECRETS_DIR", dataDir.resolve("no-secrets").toString());
		env.remove("KEYWARD_GATEWAY_LIMITS_ENABLED");
		suite = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
		while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("Keyward is ready")) {
			assertThat(suite.isAlive()).as("the suite exited:\n%s", Files.readString(log)).isTrue();
			assertThat(System.nanoTime() - deadline).as("the suite did not start in time").isNegative();
			Thread.sleep(250);
		}
	}

	@AfterAll
	static void stopSuite() throws Exception {
		if (suite != null) {
			suite.destroy();
			if (!suite.waitFor(60, TimeUnit.SECONDS)) {
				suite.destroyForcibly();
			}
		}
	}

	@Test
	void whenTwoMegabytePostsFloodAtManyTimesTheLimitThenDevicesStillEnrollWithinTheHeapAndTheDatabaseStaysBounded()
			throws Exception {
		long databaseBefore = databaseSize();
		AtomicBoolean flooding = new AtomicBoolean(true);
		Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
		List<Thread> flooders = new ArrayList<>();
		for (String from : List.of("127.0.0.2", "127.0.0.3")) {
			for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
				flooders.add(Thread.ofPlatform().name("flood-" + from + "-" + i).start(() -> {
					byte[] message = new byte[MESSAGE_SIZE];
					ThreadLocalRandom.current().nextBytes(message);
					while (flooding.get()) {
						int status = post(from, message);
						answers.computeIfAbsent(status, (key) -> new AtomicInteger()).incrementAndGet();
					}
				}));
			}
		}
		long started = System.nanoTime();
		List<String> enrolled = new ArrayList<>();
		SuiteEndpoints endpoints = new SuiteEndpoints();
		try {
			Thread.sleep(2000);
			int device = 0;
			// for the whole flood, and at least two devices (a loaded machine may be slow
			// to
			// enroll one), within a hard bound
			while ((System.nanoTime() - started < FLOOD.toNanos() || enrolled.size() < 2)
					&& System.nanoTime() - started < FLOOD.multipliedBy(6).toNanos()) {
				String challenge = endpoints.mintChallenge();
				MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(
						"http://127.0.0.1:" + gatewayPort + "/scep/default", challenge, "flood-device-" + device,
						Files.createTempDirectory(dataDir.getParent(), "flood-device"));
				assertThat(enrollment.certificate()).as("enrollment during the flood:\n%s", enrollment.output())
					.isPresent();
				enrolled.add("flood-device-" + device++);
			}
		}
		finally {
			flooding.set(false);
			for (Thread flooder : flooders) {
				flooder.join(30_000);
			}
		}
		int refused = answers.getOrDefault(503, new AtomicInteger()).get();
		int total = answers.values().stream().mapToInt(AtomicInteger::get).sum();
		assertThat(enrolled).as("devices enrolled during the flood").hasSizeGreaterThanOrEqualTo(2);
		assertThat(suite.isAlive()).isTrue();
		assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).doesNotContain("OutOfMemoryError");
		long grown = databaseSize() - databaseBefore;
		assertThat(grown).as("database growth in bytes after %s flood requests", total).isLessThan(8L * 1024 * 1024);
		assertThat(answers.keySet()).as("answers to the flood").isSubsetOf(400, 413, 503, -1);
		assertThat(refused).as("answers to the flood: %s", answers).isGreaterThan(total / 2);
	}

	/**
	 * One POST of a 2 MB message from {@code from}, read to the status line.
	 * @return the HTTP status, -1 when the connection broke (the gateway closes it after
	 * a 503 without reading the body)
	 */
	private static int post(String from, byte[] message) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gatewayPort, InetAddress.getByName(from),
				0)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /scep/default?operation=PKIOperation HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-pki-message\r\nConnection: close\r\nContent-Length: "
					+ message.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			try {
				out.write(message);
				out.flush();
			}
			catch (IOException refusedEarly) {
				// answered and closed before the body was sent: read the answer
			}
			InputStream in = socket.getInputStream();
			byte[] head = in.readNBytes(12);
			return (head.length == 12) ? Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII)) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static long databaseSize() throws Exception {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:" + databasePort + "/keyward", "postgres",
				Files.readString(dataDir.resolve("postgres-password"), StandardCharsets.US_ASCII).strip());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select pg_database_size(current_database())")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The MDM's call, as {@link SuiteClient} makes it, against the separate JVM. */
	private static final class SuiteEndpoints {

		private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build();

		String mintChallenge() throws IOException, InterruptedException {
			java.net.http.HttpResponse<String> response = this.http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + challengePort + "/api/v1/challenges"))
				.header("Authorization", "Bearer " + API_KEY)
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"profile\":\"default\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			java.util.regex.Matcher matcher = java.util.regex.Pattern
				.compile("\"challenge\"\\s*:\\s*\"([0-9A-F]{32})\"")
				.matcher(response.body());
			assertThat(matcher.find()).isTrue();
			return matcher.group(1);
		}

	}

}
