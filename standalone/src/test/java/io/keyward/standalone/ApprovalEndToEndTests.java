package io.keyward.standalone;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.CertmongerSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile that requires approval, driven by certmonger: it submits, is told PENDING
 * (RFC 8894 section 3.3.2.3) and polls with CertPoll while an admin decides over the
 * gateway's API. certmonger's own polling interval is hours; {@code getcert refresh}
 * makes it poll now, as an admin would tell a user to.
 */
class ApprovalEndToEndTests {

	static final String API_KEY = "kw_e2e-approval-api-key-0123456789abcdefghijklm";

	static final Duration CERTMONGER_WAIT = Duration.ofSeconds(60);

	static Path dataDir;

	static StandaloneSettings settings;

	static MutableClock clock = new MutableClock();

	static KeywardSuite suite;

	static SuiteClient client;

	@BeforeAll
	static void startSuite() throws IOException {
		dataDir = Files.createTempDirectory(Path.of("target"), "e2e-approval");
		settings = EnrollmentEndToEndTests.freePorts(dataDir);
		start();
	}

	private static void start() throws IOException {
		suite = KeywardSuite.start(settings,
				Map.of("keyward.challenge.bootstrap-api-key", API_KEY, "keyward.challenge.profiles.approved.template",
						"default", "keyward.gateway.profiles.approved.approval", "REQUIRED",
						// an approved request is issued by the finisher within a second
						"keyward.gateway.retry-interval", "1s"),
				clock);
		client = new SuiteClient(suite, API_KEY);
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
	void whenCertmongerPollsWhileTheRequestIsApprovedThenItSavesTheCertificate() throws Exception {
		try (CertmongerSession certmonger = certmonger("approve")) {
			CertmongerSession.Request request = certmonger.submit("keyward", client.mintChallenge("approved"),
					"approved-device-1", workDir("approve"));
			String id = awaitWaiting("approved-device-1");
			assertThat(client.gatewayApi("/api/v1/transactions?status=WAITING_APPROVAL&page=0&size=500", null).body())
				.contains("\"id\":\"" + id + "\"");
			certmonger.refresh(request);
			assertThat(certmonger.await(request, CERTMONGER_WAIT).certificate()).isEmpty();
			assertThat(certmonger.state(request)).isEqualTo("CA_WORKING");
			HttpResponse<String> approved = client.gatewayApi("/api/v1/transactions/" + id + "/approve",
					"{\"decidedBy\":\"e2e-admin\",\"comment\":\"known device\"}");
			assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
			certmonger.refresh(request);
			CertmongerSession.Enrollment enrollment = certmonger.await(request, CERTMONGER_WAIT);
			X509Certificate certificate = enrollment.certificate()
				.orElseThrow(() -> new AssertionError("certmonger saved no certificate:\n" + enrollment.status()));
			certificate.verify(client.caCertificate().getPublicKey());
			assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=approved-device-1");
			assertThat(client.text("select decided_by from gateway.transaction where id = ?::uuid", id))
				.isEqualTo("e2e-admin");
		}
	}

	@Test
	void whenTheSuiteRestartsWhileARequestWaitsThenItIsApprovedAndIssuedAfterwards() throws Exception {
		try (CertmongerSession certmonger = certmonger("restart")) {
			CertmongerSession.Request request = certmonger.submit("keyward", client.mintChallenge("approved"),
					"restarted-device-1", workDir("restart"));
			String id = awaitWaiting("restarted-device-1");
			suite.close();
			start();
			assertThat(client.gatewayApi("/api/v1/transactions/" + id + "/approve", "{\"decidedBy\":\"e2e-admin\"}")
				.statusCode()).isEqualTo(200);
			certmonger.refresh(request);
			CertmongerSession.Enrollment enrollment = certmonger.await(request, CERTMONGER_WAIT);
			assertThat(enrollment.certificate()).as(enrollment.status()).isPresent();
		}
	}

	@Test
	void whenTheRequestIsRejectedThenCertmongerReportsTheRejectionAndNothingIsIssued() throws Exception {
		try (CertmongerSession certmonger = certmonger("reject")) {
			CertmongerSession.Request request = certmonger.submit("keyward", client.mintChallenge("approved"),
					"rejected-device-1", workDir("reject"));
			String id = awaitWaiting("rejected-device-1");
			assertThat(client.gatewayApi("/api/v1/transactions/" + id + "/reject", "{\"decidedBy\":\"e2e-admin\"}")
				.statusCode()).isEqualTo(200);
			certmonger.refresh(request);
			CertmongerSession.Enrollment enrollment = certmonger.await(request, CERTMONGER_WAIT);
			assertThat(enrollment.certificate()).as(enrollment.status()).isEmpty();
			assertThat(certmonger.state(request)).as(enrollment.status()).isEqualTo("CA_REJECTED");
			assertThat(client.count("select count(*) from ca.certificate where subject like ?", "%rejected-device-1%"))
				.isZero();
		}
	}

	@Test
	void whenNobodyDecidesBeforeTheExpiryThenCertmongerReportsTheRejection() throws Exception {
		try (CertmongerSession certmonger = certmonger("expire")) {
			CertmongerSession.Request request = certmonger.submit("keyward", client.mintChallenge("approved"),
					"expired-device-1", workDir("expire"));
			String id = awaitWaiting("expired-device-1");
			clock.advance(Duration.ofDays(7).plusMinutes(1));
			certmonger.refresh(request);
			CertmongerSession.Enrollment enrollment = certmonger.await(request, CERTMONGER_WAIT);
			assertThat(enrollment.certificate()).as(enrollment.status()).isEmpty();
			assertThat(certmonger.state(request)).as(enrollment.status()).isEqualTo("CA_REJECTED");
			assertThat(client.text("select failure_reason from gateway.transaction where id = ?::uuid", id))
				.isEqualTo("approval expired");
		}
	}

	private static CertmongerSession certmonger(String name) throws Exception {
		CertmongerSession certmonger = CertmongerSession.start(workDir("certmonger-" + name));
		certmonger.addScepCa("keyward", client.gatewayUrl("/scep/approved"));
		return certmonger;
	}

	/**
	 * @return the gateway's id of the device's transaction once it waits for approval
	 */
	private static String awaitWaiting(String commonName) throws Exception {
		for (int i = 0; i < 240; i++) {
			String id = client.text(
					"select id::text from gateway.transaction where subject like ? and status = 'WAITING_APPROVAL'",
					"%CN=" + commonName + "%");
			if (id != null) {
				return id;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("no transaction of " + commonName + " waits for approval");
	}

	private static Path workDir(String name) throws IOException {
		return Files.createTempDirectory(dataDir.getParent(), name);
	}

}
