package io.keyward.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import io.keyward.testsupport.clients.CertmongerSession;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal against the whole suite (real gateway, challenge-service, ca-adapter and
 * PostgreSQL). With a real client nobody here wrote: certmonger enrolls with a challenge,
 * then {@code getcert resubmit} renews. It sends a PKCSReq (messageType 19, not
 * RenewalReq) signed with the certificate it holds and its key, under the same
 * transactionID (a digest of the unchanged key) and with the same CSR, challenge
 * included, because the gateway advertises {@code Renewal} (certmonger
 * {@code src/scep.c}, "rekey" message). The suite's default profile opens renewal for the
 * whole lifetime here, so the certificate just issued can be renewed without moving the
 * clock (which certmonger, holding real time, would see through). And a RenewalReq from
 * the project's own client codec, which certmonger does not send.
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

	@Test
	void whenOurClientSendsARenewalReqThenTheRealCaRenewsUnderTheOldNamesWithTheNewKey() throws Exception {
		List<X509Certificate> published = client.caCertificates();
		X509Certificate raSigning = published.stream()
			.filter((c) -> c.getBasicConstraints() < 0 && c.getKeyUsage()[0])
			.findFirst()
			.orElseThrow();
		X509Certificate raEncryption = published.stream()
			.filter((c) -> c.getBasicConstraints() < 0 && c.getKeyUsage()[2])
			.findFirst()
			.orElseThrow();
		KeyPair oldKey = rsa();
		X500Name subject = new X500Name("CN=codec-renewal-1,O=Keyward E2E");
		PKCS10CertificationRequestBuilder enrollment = new JcaPKCS10CertificationRequestBuilder(subject,
				oldKey.getPublic());
		enrollment.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
				new DERPrintableString(client.mintChallenge()));
		X509Certificate first = send(MessageType.PKCS_REQ, sign(enrollment, oldKey),
				ScepRequestBuilder.selfSignedSigner(oldKey, subject), oldKey, raEncryption, raSigning);

		KeyPair newKey = rsa();
		PKCS10CertificationRequest renewal = sign(new JcaPKCS10CertificationRequestBuilder(
				new X500Name("CN=someone-else,O=Elsewhere"), newKey.getPublic()), newKey);
		X509Certificate second = send(MessageType.RENEWAL_REQ, renewal, first, oldKey, raEncryption, raSigning);

		assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
		assertThat(second.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
		assertThat(second.getPublicKey()).isEqualTo(newKey.getPublic());
		assertThat(client.text("select replaced_by from ca.certificate where serial = ?", serial(first)))
			.isEqualTo(serial(second));
		assertThat(client.text("select message_type from gateway.transaction where renewal_of = ?", serial(first)))
			.isEqualTo("RenewalReq");
	}

	/** One PKIOperation by POST, read as the client reads it; SUCCESS expected. */
	private static X509Certificate send(MessageType type, PKCS10CertificationRequest csr, X509Certificate signer,
			KeyPair signerKey, X509Certificate raEncryption, X509Certificate raSigning) throws Exception {
		byte[] nonce = new byte[16];
		new SecureRandom().nextBytes(nonce);
		byte[] message = ScepRequestBuilder.pkiMessage(type, csr, signer, signerKey.getPrivate(), raEncryption,
				"codec-" + System.nanoTime(), nonce, CMSAlgorithm.AES128_CBC, "SHA-256");
		HttpResponse<byte[]> response = client
			.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/scep/default?operation=PKIOperation")))
				.header("Content-Type", "application/x-pki-message")
				.POST(HttpRequest.BodyPublishers.ofByteArray(message))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		CertRepResponse certRep = CertRepReader.read(response.body(), raSigning, signerKey.getPrivate());
		assertThat(certRep.status()).as(certRep.failInfoText()).isEqualTo(PkiStatus.SUCCESS);
		return certRep.certificates().get(0);
	}

	private static PKCS10CertificationRequest sign(PKCS10CertificationRequestBuilder builder, KeyPair key)
			throws Exception {
		return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
	}

	private static KeyPair rsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static String serial(X509Certificate certificate) {
		return SerialNumbers.key(certificate.getSerialNumber());
	}

	private static Path workDir(String name) throws IOException {
		return Files.createTempDirectory(dataDir.getParent(), name);
	}

}
