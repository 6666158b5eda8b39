package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.security.cert.X509Certificate;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.MicromdmScepClient;
import io.keyward.testsupport.intune.FakeIntune;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Intune-validated profile through the whole suite: micromdm's {@code scepclient}
 * enrolls with an Intune challenge blob at {@code /scep/intune-e2e}; the gateway hands
 * the CSR to the challenge-service, which asks the fake Intune ({@code validateRequest},
 * every header and field checked) before the ca-adapter issues. Refused by Intune, or
 * Intune unreachable: FAILURE, never PENDING, and no certificate.
 */
class IntuneEndToEndTests {

	static final String API_KEY = "kw_intune-e2e-api-key-0123456789abcdefghijklm";

	static final String PROFILE = "intune-e2e";

	static FakeIntune intune;

	static KeywardSuite suite;

	static SuiteClient client;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSuite() throws IOException {
		intune = new FakeIntune();
		Path dataDir = Files.createTempDirectory(Path.of("target"), "intune-data");
		suite = KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir),
				Map.ofEntries(Map.entry("keyward.challenge.bootstrap-api-key", API_KEY),
						Map.entry("keyward.gateway.profiles." + PROFILE + ".when-unavailable", "FAILURE"),
						Map.entry("keyward.challenge.profiles." + PROFILE + ".mode", "intune"),
						Map.entry("keyward.challenge.intune.tenant", FakeIntune.TENANT),
						Map.entry("keyward.challenge.intune.client-id", FakeIntune.CLIENT_ID),
						Map.entry("keyward.challenge.intune.client-secret", FakeIntune.SECRET),
						Map.entry("keyward.challenge.intune.authority", intune.base()),
						Map.entry("keyward.challenge.intune.graph-url", intune.base() + "graph/"),
						Map.entry("keyward.challenge.intune.provider-name-and-version", FakeIntune.PROVIDER),
						Map.entry("keyward.challenge.intune.timeout", "2s"),
						Map.entry("keyward.gateway.events.interval", "200ms")),
				new MutableClock());
		client = new SuiteClient(suite, API_KEY);
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
		intune.close();
	}

	@BeforeEach
	void resetIntune() {
		intune.calls.clear();
		intune.defaultValidation = "Success";
	}

	@AfterEach
	void everyFieldAsTheBriefSays() {
		assertThat(intune.violations).isEmpty();
	}

	@Test
	void whenIntuneAcceptsThenScepclientGetsItsCertificate() throws Exception {
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/" + PROFILE),
				"intune-signed-encrypted-challenge", "intune-device-1", this.dir);

		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		FakeIntune.Call validation = intune.next("/ScepActions/validateRequest");
		Map<String, Object> request = validation.inner("request");
		PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
				Base64.getDecoder().decode((String) request.get("certificateRequest")));
		assertThat(csr.getSubject().toString()).contains("CN=intune-device-1");
		assertThat(
				client.count("select count(*) from gateway.transaction where transaction_id = ? and status = 'ISSUED'",
						request.get("transactionId")))
			.as("the transactionID reached Intune unchanged")
			.isEqualTo(1);
		// the gateway's ISSUED event reaches the challenge-service through its outbox,
		// and
		// Intune is told of the certificate it approved
		X509Certificate certificate = enrollment.certificate().get();
		FakeIntune.Call success = intune.next("/ScepActions/successNotification");
		assertThat(success.inner("notification")).containsEntry("transactionId", request.get("transactionId"))
			.containsEntry("certificateRequest", request.get("certificateRequest"))
			.containsEntry("certificateSerialNumber", SerialNumbers.hex(certificate.getSerialNumber()))
			.containsEntry("certificateThumbprint",
					java.util.HexFormat.of()
						.withUpperCase()
						.formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())))
			.containsEntry("issuingCertificateAuthority", certificate.getIssuerX500Principal().getName());
		assertThat(intune.calls).as("Intune is asked once per request")
			.noneMatch((call) -> call.path().endsWith("/validateRequest"));
	}

	@Test
	void whenIntuneRefusesThenFailureAndNoCertificate() throws Exception {
		intune.defaultValidation = "ChallengeExpired";

		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/" + PROFILE),
				"intune-expired-challenge", "intune-refused-1", this.dir);

		assertThat(enrollment.certificate()).as(enrollment.output()).isEmpty();
		assertThat(client.count("select count(*) from gateway.transaction where subject like ? and status = 'FAILED' "
				+ "and failure_reason like ?", "%CN=intune-refused-1%", "%ChallengeExpired%"))
			.isEqualTo(1);
	}

	@Test
	void whenIntuneIsDownThenFailureNotPendingAndNoCertificate() throws Exception {
		intune.defaultValidation = "500";

		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/" + PROFILE),
				"intune-challenge-while-down", "intune-down-1", this.dir);

		assertThat(enrollment.certificate()).as(enrollment.output()).isEmpty();
		assertThat(client.count("select count(*) from gateway.transaction where subject like ? and status = 'FAILED' "
				+ "and failure_reason like ?", "%CN=intune-down-1%", "%Intune validation unavailable%"))
			.isEqualTo(1);
		assertThat(client.count("select count(*) from gateway.transaction where subject like ? and status <> 'FAILED'",
				"%CN=intune-down-1%"))
			.as("no open transaction: the device was not told PENDING")
			.isZero();
	}

}
