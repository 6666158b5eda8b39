package io.keyward.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyward.api.SerialNumbers;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.CertmongerSession;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite on its embedded PostgreSQL, driven by real SCEP clients nobody here
 * wrote: micromdm's {@code scepclient} and certmonger. Each enrollment must chain to the
 * CA that GetCACert returns and be recorded in the gateway, challenge and ca schemas.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnrollmentEndToEndTests {

	static final String API_KEY = "kw_e2e-test-api-key-0123456789abcdefghijklmnopq";

	static final String ADMIN_PASSWORD = "e2e-Admin-Password-42";

	static Path dataDir;

	static MutableClock clock = new MutableClock();

	static KeywardSuite suite;

	static SuiteClient client;

	@BeforeAll
	static void startSuite() throws IOException {
		dataDir = Files.createTempDirectory(Path.of("target"), "e2e-data");
		suite = KeywardSuite.start(freePorts(dataDir), Map.of("keyward.challenge.bootstrap-api-key", API_KEY,
				"keyward.admin.initial-password", ADMIN_PASSWORD), clock);
		client = new SuiteClient(suite, API_KEY);
	}

	static StandaloneSettings freePorts(Path dataDir) throws IOException {
		return new StandaloneSettings(dataDir.toAbsolutePath(), freePort(), freePort(), freePort(), freePort(), 0,
				"127.0.0.1");
	}

	/** The lowest port {@link #freePort()} hands out. */
	static final int FIRST_PORT = 20000;

	private static final Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * A port no one listens on, below the kernel's ephemeral range (FreePortTests: a port
	 * from that range may be taken as an outgoing connection's local port before the
	 * suite binds it), and never the same one twice in this JVM.
	 */
	static int freePort() throws IOException {
		int end = Math.max(ephemeralStart(), FIRST_PORT + 1000);
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, end);
			if (!HANDED_OUT.add(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new java.net.InetSocketAddress(port));
				return port;
			}
			catch (IOException inUse) {
				// someone listens there: try another
			}
		}
		throw new IOException("no free port between " + FIRST_PORT + " and " + end);
	}

	/**
	 * The first port of {@code /proc/sys/net/ipv4/ip_local_port_range} (32768 by
	 * default).
	 */
	static int ephemeralStart() {
		try {
			return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
				.get(0)
				.strip()
				.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException unreadable) {
			return 32768;
		}
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void whenScepclientEnrollsAtTheNdesPathThenTheCertificateChainsAndIsRecordedEverywhere() throws Exception {
		String challenge = client.mintChallenge();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient
			.enroll(client.gatewayUrl("/certsrv/mscep/mscep.dll"), challenge, "ndes-device-1", workDir("ndes"));
		assertIssuedAndRecorded(
				enrollment.certificate()
					.orElseThrow(() -> new AssertionError(
							"scepclient got no certificate at the NDES path:\n" + enrollment.output())),
				"ndes-device-1");
	}

	@Test
	void whenScepclientEnrollsAtTheProfilePathThenTheCertificateChainsAndIsRecordedEverywhere() throws Exception {
		String challenge = client.mintChallenge();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, "profile-device-1", workDir("profile"));
		assertIssuedAndRecorded(
				enrollment.certificate()
					.orElseThrow(() -> new AssertionError(
							"scepclient got no certificate at /scep/default:\n" + enrollment.output())),
				"profile-device-1");
	}

	@Test
	void whenCertmongerEnrollsThenItAcceptsTheSignedCertRepAndTheCertificateIsRecorded() throws Exception {
		String challenge = client.mintChallenge();
		try (CertmongerSession certmonger = CertmongerSession.start(workDir("certmonger-home"))) {
			certmonger.addScepCa("keyward", client.gatewayUrl("/scep/default"));
			CertmongerSession.Enrollment enrollment = certmonger.request("keyward", challenge, "certmonger-device-1",
					workDir("certmonger"));
			assertIssuedAndRecorded(enrollment.certificate()
				.orElseThrow(() -> new AssertionError("certmonger got no certificate:\n" + enrollment.status())),
					"certmonger-device-1");
		}
	}

	/**
	 * Issue 15: every series an alert rule or the Grafana dashboard reads is served by a
	 * running service once a device enrolled (a renamed metric fails here, not in an
	 * operator's silent alert).
	 */
	@Test
	void whenADeviceEnrolledThenEveryMetricTheAlertsAndTheDashboardReadIsScraped() throws Exception {
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				client.mintChallenge(), "metrics-device-1", workDir("metrics"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		StandaloneSettings settings = suite.settings();
		Set<String> served = new TreeSet<>();
		for (int port : List.of(suite.gatewayManagementPort(), settings.challengePort(), settings.caPort(),
				settings.adminPort())) {
			HttpResponse<String> scrape = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build());
			assertThat(scrape.statusCode()).as("scrape of port %d", port).isEqualTo(200);
			served.addAll(MetricNames.served(scrape.body()));
			// Prometheus asks for OpenMetrics; before 2.49 it refuses a whole scrape
			// whose
			// summary _count carries a trace exemplar
			HttpResponse<String> openMetrics = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Accept", "application/openmetrics-text;version=1.0.0")
					.build());
			assertThat(openMetrics.body()).as("OpenMetrics scrape of port %d", port).doesNotContain("trace_id=");
		}
		Set<String> queried = MetricNames.queried();
		assertThat(queried).contains("keyward_scep_enrollments_total", "keyward_certificate_days_left");
		assertThat(served).as("series the alerts and the dashboard read").containsAll(queried);
	}

	/**
	 * One JVM runs four services here, and the logging system is the JVM's: each line
	 * must still name the service whose thread wrote it (issue 15).
	 */
	@Test
	void whenADeviceEnrollsThenEachServicesLogLinesNameThatService(CapturedOutput output) throws Exception {
		IssuedLines lines = enrollAndLog(output, "log-names-1");
		assertThat(lines.gateway()).contains("[scep-gateway]").doesNotContain("[ca-adapter]");
		assertThat(lines.caAdapter()).contains("[ca-adapter]").doesNotContain("[scep-gateway]");
	}

	/**
	 * One trace from the device's request through the gateway to the ca-adapter: the
	 * gateway's call carries W3C {@code traceparent}, and both services' lines carry the
	 * trace's id.
	 */
	@Test
	void whenADeviceEnrollsThenTheGatewayAndTheCaAdapterLogOneTrace(CapturedOutput output) throws Exception {
		IssuedLines lines = enrollAndLog(output, "one-trace-1");
		String traceId = group(lines.gateway(), "traceId=([0-9a-f]{32}) ");
		assertThat(lines.caAdapter()).contains("traceId=" + traceId + " ");
	}

	/**
	 * A transaction no challenge authorised is its own enrollment: its correlation id is
	 * the trace id of the device's request that created it.
	 */
	@Test
	void whenNoChallengeAuthorisesTheTransactionThenItsCorrelationIdIsItsRequestsTraceId(CapturedOutput output)
			throws Exception {
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				"0123456789ABCDEF0123456789ABCDEF", "trace-id-1", workDir("trace-id"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isEmpty();

		String transactionId = client.text("select transaction_id from gateway.transaction where subject like ?",
				"%CN=trace-id-1%");
		String correlationId = client.text("select correlation_id::text from gateway.transaction where subject like ?",
				"%CN=trace-id-1%");
		String denied = logLine(output, "event=enrollment_denied", "transactionId=" + transactionId + " ");
		assertThat(denied).contains("traceId=" + correlationId.replace("-", "") + " ")
			.contains("correlationId=" + correlationId + " ");
	}

	/**
	 * A scepclient enrollment with a fresh challenge, and its log lines.
	 */
	private IssuedLines enrollAndLog(CapturedOutput output, String commonName) throws Exception {
		String challenge = client.mintChallenge();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, commonName, workDir(commonName));
		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		String issued = logLine(output, "event=enrollment_issued", "CN=" + commonName);
		return new IssuedLines(issued,
				logLine(output, "event=certificate_issued", "transactionId=" + group(issued, "transactionId=(\\S+)")));
	}

	/**
	 * @param gateway the scep-gateway's {@code event=enrollment_issued}
	 * @param caAdapter the ca-adapter's {@code event=certificate_issued}
	 */
	private record IssuedLines(String gateway, String caAdapter) {

	}

	private static String group(String line, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(line);
		assertThat(matcher.find()).as(line).isTrue();
		return matcher.group(1);
	}

	private static String logLine(CapturedOutput output, String event, String detail) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(event) && line.contains(detail))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line " + event + " with " + detail));
	}

	@Test
	void whenAChallengeIsReusedThenTheSecondEnrollmentFailsAndNothingIsIssued() throws Exception {
		String challenge = client.mintChallenge();
		assertThat(
				MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), challenge, "reuse-1", workDir("reuse1"))
					.certificate())
			.isPresent();
		long before = issuanceRecords();
		MicromdmScepClient.Enrollment second = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), challenge,
				"reuse-2", workDir("reuse2"));
		assertThat(second.certificate()).as(second.output()).isEmpty();
		assertThat(issuanceRecords()).isEqualTo(before);
		assertDeniedRecorded("reuse-2", "already used");
	}

	/**
	 * The NDES admin page through the gateway's port, as an MDM that replaced NDES reads
	 * it (HTTP Basic with the client's name in a Windows domain form, the bytes decoded
	 * as UTF-16, Fleet's regular expression), then its password in a real scepclient
	 * enrollment at the NDES path: issued once, refused the second time.
	 */
	@Test
	void whenAnMdmScrapesTheNdesPageThenItsPasswordEnrollsOnceAndTheThumbprintIsTheCas() throws Exception {
		HttpResponse<byte[]> page = client
			.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/certsrv/mscep_admin/")))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString(("CORP\\bootstrap:" + API_KEY).getBytes(StandardCharsets.UTF_8)))
				.build());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).contains("text/html");
		String html = new String(page.body(), StandardCharsets.UTF_16);
		Matcher password = Pattern.compile("(?i)The enrollment challenge password is: <B> (?<password>\\S*)")
			.matcher(html);
		assertThat(password.find()).as(html).isTrue();
		assertThat(password.group("password")).matches("[0-9A-F]{16}");
		String md5 = HexFormat.of()
			.withUpperCase()
			.formatHex(MessageDigest.getInstance("MD5").digest(client.caCertificate().getEncoded()));
		assertThat(html).contains("for the CA certificate is: <B> " + md5.substring(0, 8) + " " + md5.substring(8, 16)
				+ " " + md5.substring(16, 24) + " " + md5.substring(24) + " </B>");

		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(
				client.gatewayUrl("/certsrv/mscep/mscep.dll"), password.group("password"), "ndes-page-1",
				workDir("ndes-page"));
		assertIssuedAndRecorded(
				enrollment.certificate()
					.orElseThrow(() -> new AssertionError("scepclient got no certificate:\n" + enrollment.output())),
				"ndes-page-1");
		MicromdmScepClient.Enrollment second = MicromdmScepClient.enroll(client.gatewayUrl("/certsrv/mscep/mscep.dll"),
				password.group("password"), "ndes-page-2", workDir("ndes-page-2"));
		assertThat(second.certificate()).as(second.output()).isEmpty();
		assertDeniedRecorded("ndes-page-2", "already used");
	}

	@Test
	void whenTheChallengeHasExpiredThenEnrollmentFails() throws Exception {
		String challenge = client.mintChallenge();
		clock.advance(Duration.ofMinutes(61));
		long before = issuanceRecords();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, "expired-1", workDir("expired"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isEmpty();
		assertThat(issuanceRecords()).isEqualTo(before);
		assertDeniedRecorded("expired-1", "expired");
	}

	@Test
	void whenTheTemplateRefusesTheKeyThenBadAlgAndTheSameChallengeEnrollsWithAGoodKey() throws Exception {
		String challenge = client.mintChallenge();
		long redeemed = client.count("select count(*) from challenge.challenge where redeemed_at is not null");
		MicromdmScepClient.Enrollment weak = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), challenge,
				"weak-key-1", workDir("weak"), 1024);
		assertThat(weak.certificate()).as(weak.output()).isEmpty();
		assertThat(client.count("select count(*) from gateway.transaction where subject like ? and status = 'FAILED' "
				+ "and fail_info = 'badAlg' and failure_reason like ?", "%CN=weak-key-1%", "%1024 bits%"))
			.isEqualTo(1);
		assertThat(client.count("select count(*) from challenge.challenge where redeemed_at is not null"))
			.isEqualTo(redeemed);

		MicromdmScepClient.Enrollment good = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), challenge,
				"weak-key-2", workDir("good"));

		assertIssuedAndRecorded(good.certificate()
			.orElseThrow(() -> new AssertionError("the challenge was burnt by the refused CSR:\n" + good.output())),
				"weak-key-2");
	}

	@Test
	void whenTheChallengeIsWrongThenEnrollmentFails() throws Exception {
		long before = issuanceRecords();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				"0123456789ABCDEF0123456789ABCDEF", "wrong-1", workDir("wrong"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isEmpty();
		assertThat(issuanceRecords()).isEqualTo(before);
		assertDeniedRecorded("wrong-1", "unknown");
	}

	@Test
	void whenThePkiOperationIsGarbageThenHttp400AndNothingIsRecorded() throws Exception {
		long before = recordCount();
		byte[] garbage = new byte[512];
		ThreadLocalRandom.current().nextBytes(garbage);
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(client.gatewayUrl("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation")))
			.header("Content-Type", "application/x-pki-message")
			.POST(HttpRequest.BodyPublishers.ofByteArray(garbage))
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		HttpResponse<String> badBase64 = client.send(HttpRequest
			.newBuilder(URI.create(client.gatewayUrl("/scep/default?operation=PKIOperation&message=%25%25not-base64!")))
			.build());
		assertThat(badBase64.statusCode()).isEqualTo(400);
		assertThat(recordCount()).isEqualTo(before);
	}

	@Test
	void whenTheOperationIsUnknownThenHttp400() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(client.gatewayUrl("/certsrv/mscep/mscep.dll?operation=GetCoffee&message=x")))
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
	}

	@Test
	void whenTheChallengeApiIsCalledWithoutKeyThen401ProblemJsonAndNoChallengeIsStored() throws Exception {
		long before = client.count("select count(*) from challenge.challenge");
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create(client.challengeUrl("/api/v1/challenges")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"default\"}"))
				.build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(client.count("select count(*) from challenge.challenge")).isEqualTo(before);
	}

	@Test
	void whenGetCaCapsIsAskedThenPlainTextWithoutCharset() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(
					client.gatewayUrl("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps&message=default")))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.body().split("\n")).contains("POSTPKIOperation", "Renewal", "SHA-256", "SHA-512", "SHA-1",
				"AES", "DES3", "SCEPStandard");
	}

	@Test
	void whenADeviceSubjectCarriesScriptThenTheDashboardShowsItInert() throws Exception {
		String challenge = client.mintChallenge();
		String script = "<script>alert(1)</script>";
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, script, workDir("xss"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		String dashboard = new AdminBrowser(client.adminUrl("")).signIn("admin", ADMIN_PASSWORD).get("/enrollments");
		// the subject DN arrives RFC 4514-escaped (CN=\<script\>...) and is then
		// HTML-escaped
		assertThat(dashboard).containsPattern("\\\\?&lt;script\\\\?&gt;alert\\(1\\)")
			.doesNotContain("<script")
			.doesNotContain(script);
	}

	private long recordCount() throws Exception {
		return client.count("select count(*) from gateway.transaction")
				+ client.count("select count(*) from ca.certificate_request")
				+ client.count("select count(*) from ca.certificate")
				+ client.count("select count(*) from challenge.challenge where redeemed_at is not null");
	}

	private void assertIssuedAndRecorded(X509Certificate certificate, String commonName) throws Exception {
		X509Certificate ca = client.caCertificate();
		certificate.verify(ca.getPublicKey());
		certificate.checkValidity();
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=" + commonName);
		String serial = SerialNumbers.hex(certificate.getSerialNumber());
		String serialHex = SerialNumbers.key(certificate.getSerialNumber());
		String transactionId = client.text(
				"select transaction_id from gateway.transaction where upper(certificate_serial) in (?, ?) and status = 'ISSUED'",
				serial, serialHex);
		assertThat(transactionId).as("gateway transaction for serial %s", serialHex).isNotBlank();
		assertThat(
				client.count("select count(*) from ca.certificate where upper(serial) in (?, ?) and transaction_id = ?",
						serial, serialHex, transactionId))
			.isEqualTo(1);
		assertThat(client.count(
				"select count(*) from challenge.challenge where transaction_id = ? and redeemed_at is not null",
				transactionId))
			.isEqualTo(1);
	}

	/**
	 * What the CA and the challenge-service hold; a denied enrollment must not change it.
	 */
	private long issuanceRecords() throws Exception {
		return client.count("select count(*) from ca.certificate_request")
				+ client.count("select count(*) from ca.certificate")
				+ client.count("select count(*) from challenge.challenge where redeemed_at is not null");
	}

	/**
	 * Issue 14: a challenge bound to the subject the MDM expects, used by scepclient with
	 * another common name, is refused (FAILURE badRequest), burned, and the MDM reads
	 * why.
	 */
	@Test
	void whenABoundChallengeMeetsAnotherSubjectThenRefusedBurnedAndTheReasonReadable() throws Exception {
		HttpResponse<String> minted = client
			.send(HttpRequest.newBuilder(URI.create(client.challengeUrl("/api/v1/challenges")))
				.header("Authorization", "Bearer " + API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"binding\":{\"subjectPattern\":\"CN=bound-laptop,(.*,)?O=Keyward Test(,.*)?\"}}"))
				.build());
		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
		String challenge = field(minted.body(), "challenge");
		String id = field(minted.body(), "id");

		MicromdmScepClient.Enrollment intruder = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, "bound-intruder", workDir("bound1"));
		MicromdmScepClient.Enrollment rightful = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, "bound-laptop", workDir("bound2"));

		assertThat(intruder.certificate()).as(intruder.output()).isEmpty();
		assertDeniedRecorded("bound-intruder", "does not match the challenge's binding");
		assertThat(rightful.certificate()).as(rightful.output()).isEmpty();
		assertDeniedRecorded("bound-laptop", "burned");
		HttpResponse<String> record = client
			.send(HttpRequest.newBuilder(URI.create(client.challengeUrl("/api/v1/challenges/" + id)))
				.header("Authorization", "Bearer " + API_KEY)
				.build());
		assertThat(record.statusCode()).isEqualTo(200);
		assertThat(field(record.body(), "state")).isEqualTo("refused");
		assertThat(field(record.body(), "refusalReason")).startsWith("subject 'CN=bound-intruder,")
			.endsWith("' does not match the bound subject pattern");
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

	private void assertDeniedRecorded(String commonName, String reason) throws Exception {
		assertThat(client.count(
				"select count(*) from gateway.transaction where subject like ? and status = 'FAILED' and lower(failure_reason) like ?",
				"%CN=" + commonName + "%", "%" + reason + "%"))
			.isEqualTo(1);
	}

	private static Path workDir(String name) throws IOException {
		return Files.createTempDirectory(dataDir.getParent(), name);
	}

}
