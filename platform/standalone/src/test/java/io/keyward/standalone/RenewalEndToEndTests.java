package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;

import io.keyward.testsupport.clients.CertmongerSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal with a real client nobody here wrote: certmonger enrolls with a challenge, then
 * {@code getcert resubmit} renews. It sends a PKCSReq (messageType 19, not RenewalReq)
 * signed with the certificate it holds and its key, under the same transactionID (a
 * digest of the unchanged key) and with the same CSR, challenge included, because the
 * gateway advertises {@code Renewal} (certmonger {@code src/scep.c}, "rekey" message).
 * The suite's default profile opens renewal for the whole lifetime here, so the
 * certificate just issued can be renewed without moving the clock (which certmonger,
 * holding real time, would see through).
 */
class RenewalEndToEndTests {

	static final String API_KEY = "kw_e2e-renewal-api-key-0123456789abcdefghijklmno";

	static Path dataDir;

	static KeywardSuite suite;

	static SuiteClient client;

	@BeforeAll
	static void startSuite() throws IOException {
		dataDir = Files.createTempDirectory(Path.of("target"), "e2e-renewal");
		suite = KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir),
				Map.of("keyward.challenge.bootstrap-api-key", API_KEY, "keyward.admin.initial-password",
						"e2e-Admin-Password-42", "keyward.gateway.profiles.default.renewal-window-percent", "100"),
				null);
		client = new SuiteClient(suite, API_KEY);
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void whenCertmongerResubmitsThenItIsRenewedWithoutAChallengeAndRefusedOnceRevoked() throws Exception {
		String challenge = client.mintChallenge();
		try (CertmongerSession certmonger = CertmongerSession.start(workDir("certmonger-home"))) {
			certmonger.addScepCa("keyward", client.gatewayUrl("/scep/default"));
			CertmongerSession.Enrollment enrolled = certmonger.request("keyward", challenge, "renewing-device-1",
					workDir("certmonger"));
			X509Certificate first = enrolled.certificate()
				.orElseThrow(() -> new AssertionError("certmonger got no certificate:\n" + enrolled.status()));
			long redemptions = client.count("select count(*) from challenge.challenge where redeemed_at is not null");

			CertmongerSession.Enrollment resubmitted = certmonger.resubmit(enrolled);

			X509Certificate second = resubmitted.certificate().orElseThrow();
			assertThat(second.getSerialNumber()).as(resubmitted.status()).isNotEqualTo(first.getSerialNumber());
			second.verify(client.caCertificate().getPublicKey());
			assertThat(second.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
			assertThat(client.text("select replaced_by from ca.certificate where serial = ?", serial(first)))
				.isEqualTo(serial(second));
			assertThat(client.text("select renewal_of from ca.certificate where serial = ?", serial(second)))
				.isEqualTo(serial(first));
			// what certmonger sent: a PKCSReq, under the enrollment's transactionID
			assertThat(client.text("select message_type from gateway.transaction where renewal_of = ?", serial(first)))
				.isEqualTo("PKCSReq");
			assertThat(
					client.text("select transaction_id from gateway.transaction where renewal_of = ?", serial(first)))
				.isEqualTo(client.text("select transaction_id from gateway.transaction where certificate_serial = ?",
						serial(first)));
			assertThat(client.count("select count(*) from challenge.challenge where redeemed_at is not null"))
				.isEqualTo(redemptions);

			client.revoke(serial(second), "keyCompromise");
			long certificates = client.count("select count(*) from ca.certificate");
			CertmongerSession.Enrollment refused = certmonger.resubmit(resubmitted);

			assertThat(refused.certificate().orElseThrow().getSerialNumber()).as(refused.status())
				.isEqualTo(second.getSerialNumber());
			// it keeps the certificate it has and reports the refusal (failInfo
			// badRequest)
			assertThat(refused.status()).contains("ca-error: Transaction either is not permitted");
			assertThat(client.count("select count(*) from ca.certificate")).isEqualTo(certificates);
			assertThat(client.text(
					"select failure_reason from gateway.transaction where renewal_of = ? and " + "status = 'FAILED'",
					serial(second)))
				.contains("revoked (keyCompromise)");
		}
	}

	private static String serial(X509Certificate certificate) {
		return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
	}

	private static Path workDir(String name) throws IOException {
		return Files.createTempDirectory(dataDir.getParent(), name);
	}

}
