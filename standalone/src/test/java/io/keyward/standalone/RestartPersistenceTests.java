package io.keyward.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First start on an empty data directory generates the secrets; a restart on the same
 * directory keeps the CA, the RA certificates and outstanding challenges. A whole start
 * and stop of the suite is also where its log lines are checked to name their service.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartPersistenceTests {

	/**
	 * The suite's own lines: the embedded PostgreSQL's (io.zonky), the JVM-wide crypto
	 * provider's, and Spring Boot's "Graceful shutdown complete", written on a thread of
	 * its own that no service can name.
	 */
	private static final Pattern SUITES_OWN = Pattern
		.compile("\\] \\[keyward\\] (\\S*z\\.t\\.d\\.p\\.\\S*|\\S*NativeCrypto)");

	@Test
	void whenTheSuiteRestartsOnTheSameDataDirectoryThenCaRaAndChallengesSurvive(CapturedOutput output)
			throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-data").toAbsolutePath();
		StandaloneSettings settings = EnrollmentEndToEndTests.freePorts(dataDir);
		byte[] caCertificatesBefore;
		String challenge;
		String initialCredentials;
		try (KeywardSuite suite = KeywardSuite.start(settings, Map.of(), null)) {
			initialCredentials = Files.readString(dataDir.resolve("initial-credentials"));
			SuiteClient durable = new SuiteClient(suite, "unused");
			assertThat(durable.text("show fsync")).as("the embedded PostgreSQL is durable").isEqualTo("on");
			assertThat(durable.text("show synchronous_commit")).isEqualTo("on");
			assertThat(initialCredentials).contains("admin-password=").contains("mdm-api-key=");
			SuiteClient client = new SuiteClient(suite, credential(initialCredentials, "mdm-api-key"));
			caCertificatesBefore = encoded(client);
			challenge = client.mintChallenge();
		}
		assertEveryServiceLineNamesItsService(output.getOut());
		assertThat(mode(dataDir.resolve("kek"))).isEqualTo("rw-------");
		assertThat(mode(dataDir.resolve("initial-credentials"))).isEqualTo("rw-------");
		assertThat(mode(dataDir.resolve("gateway-token"))).isEqualTo("rw-------");
		assertThat(mode(dataDir.resolve("admin-ui-token"))).isEqualTo("rw-------");
		assertThat(Files.readString(dataDir.resolve("gateway-token"))).as("each caller its own credential")
			.isNotEqualTo(Files.readString(dataDir.resolve("admin-ui-token")));

		try (KeywardSuite suite = KeywardSuite.start(settings, Map.of(), null)) {
			assertThat(Files.readString(dataDir.resolve("initial-credentials")))
				.as("a restart creates no second admin or API key")
				.isEqualTo(initialCredentials);
			SuiteClient client = new SuiteClient(suite, credential(initialCredentials, "mdm-api-key"));
			assertThat(encoded(client)).as("GetCACert after restart").isEqualTo(caCertificatesBefore);
			MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
					challenge, "after-restart", Files.createTempDirectory(Path.of("target"), "restart-device"));
			X509Certificate certificate = enrollment.certificate()
				.orElseThrow(() -> new AssertionError("no certificate after restart:\n" + enrollment.output()));
			certificate.verify(client.caCertificate().getPublicKey());
		}
	}

	/**
	 * Over a whole start and stop, only the suite's own lines name {@code keyward}
	 * ({@link #SUITES_OWN}). A service's start, its ready checks, its servlet's start and
	 * its stop, the end of its graceful shutdown too, name the service (issue 15: each
	 * line names its own service).
	 */
	private static void assertEveryServiceLineNamesItsService(String log) {
		assertThat(log.lines()
			.filter((line) -> line.contains("] [keyward] "))
			.filter((line) -> !SUITES_OWN.matcher(line).find())).as("lines of a service that name the suite").isEmpty();
		for (String service : List.of("scep-gateway", "challenge-service", "ca-adapter", "admin-ui")) {
			assertThat(log).as(service + "'s stop")
				.containsPattern("\\[" + service + "\\] \\S+GracefulShutdown +: Commencing graceful shutdown")
				// written on Tomcat's own shutdown thread
				.containsPattern("\\[" + service + "\\] \\S+GracefulShutdown +: Graceful shutdown complete");
		}
		assertThat(log).containsPattern("\\[scep-gateway\\] \\S+RaKeys +: event=ra_certificates_ready")
			.containsPattern("\\[ca-adapter\\] \\S+CrlPublisher +: event=crl_issued");
	}

	private static byte[] encoded(SuiteClient client) throws Exception {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (X509Certificate certificate : client.caCertificates()) {
			out.write(certificate.getEncoded());
		}
		return out.toByteArray();
	}

	private static String credential(String file, String name) {
		return file.lines()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1).strip())
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " missing from initial-credentials"));
	}

	private static String mode(Path file) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
	}

}
