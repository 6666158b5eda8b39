package io.keyward.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.math.BigInteger;

import io.keyward.api.SerialNumbers;
import io.keyward.ca.authority.Pem;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation as relying parties see it, against the whole suite: a certificate enrolled
 * by micromdm's {@code scepclient} is {@code good} for {@code openssl ocsp} at the URL in
 * its AIA extension, then revoked over the ca-adapter's API, after which OpenSSL's OCSP
 * client says {@code revoked} with the reason, the CRL at its distribution point lists
 * it, and {@code openssl verify -crl_check} refuses it. GetCert and GetCRL (RFC 8894
 * section 3.3.4) answer from the same store through our client-side codec over HTTP.
 */
class RevocationEndToEndTests {

	static final String API_KEY = "kw_revocation-e2e-api-key-0123456789abcdefghijk";

	private static final Path OPENSSL = Path.of("/usr/bin/openssl");

	private static final SecureRandom RANDOM = new SecureRandom();

	static KeywardSuite suite;

	static SuiteClient client;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSuite() throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "revocation-data");
		suite = KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir),
				Map.of("keyward.challenge.bootstrap-api-key", API_KEY), new MutableClock());
		client = new SuiteClient(suite, API_KEY);
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void whenAnEnrolledCertificateIsRevokedThenOcspCrlAndVerifySayRevoked() throws Exception {
		X509Certificate leaf = enroll("revoked-e2e");
		X509Certificate ca = client.caCertificate();
		Path caPem = write("ca.pem", Pem.certificate(ca));
		Path leafPem = write("leaf.pem", Pem.certificate(leaf));
		String ocspUrl = client.gatewayUrl("/ocsp");
		assertThat(new String(leaf.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1))
			.contains(ocspUrl);
		assertThat(new String(leaf.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1))
			.contains(client.gatewayUrl("/crl/root.crl"));

		String good = openssl("ocsp", "-issuer", caPem.toString(), "-cert", leafPem.toString(), "-url", ocspUrl,
				"-CAfile", caPem.toString());
		assertThat(good).contains("Response verify OK").contains(leafPem + ": good");
		assertThat(openssl("verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile", crlPem().toString(),
				leafPem.toString()))
			.contains(leafPem + ": OK");

		HttpResponse<String> revoked = revoke(serial(leaf),
				"{\"reason\":\"keyCompromise\",\"comment\":\"e2e\"," + "\"revokedBy\":\"revocation-e2e\"}");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.body()).contains("\"status\":\"REVOKED\"")
			.contains("\"revocationReason\":\"keyCompromise\"");

		String afterRevocation = openssl("ocsp", "-issuer", caPem.toString(), "-cert", leafPem.toString(), "-url",
				ocspUrl, "-CAfile", caPem.toString());
		assertThat(afterRevocation).contains("Response verify OK")
			.contains(leafPem + ": revoked")
			.contains("Reason: keyCompromise");
		Path crl = crlPem();
		assertThat(openssl("crl", "-in", crl.toString(), "-noout", "-text"))
			.contains("Serial Number: " + printedSerial(leaf))
			.contains("Key Compromise");
		assertThat(openssl("verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile", crl.toString(),
				leafPem.toString()))
			.contains("certificate revoked")
			.doesNotContain(leafPem + ": OK");

		Path request = this.dir.resolve("ocsp.req");
		openssl("ocsp", "-issuer", caPem.toString(), "-cert", leafPem.toString(), "-reqout", request.toString());
		String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(request));
		HttpResponse<byte[]> byGet = client.sendForBytes(
				HttpRequest.newBuilder(URI.create(ocspUrl + "/" + URLEncoder.encode(base64, StandardCharsets.US_ASCII)))
					.build());
		assertThat(byGet.statusCode()).isEqualTo(200);
		assertThat(byGet.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
		BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(byGet.body()).getResponseObject();
		assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
	}

	@Test
	void whenGetCertAndGetCrlAskForAnIssuedSerialThenTheCertificateAndTheCrlComeBack() throws Exception {
		X509Certificate leaf = enroll("getcert-e2e");
		X509Certificate ca = client.caCertificate();
		X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
		assertThat(revoke(serial(leaf), "{\"reason\":\"superseded\"}").statusCode()).isEqualTo(200);

		CertRepResponse cert = lookup(MessageType.GET_CERT, issuer, leaf.getSerialNumber());
		assertThat(cert.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(cert.certificates()).containsExactly(leaf);

		CertRepResponse crl = lookup(MessageType.GET_CRL, issuer, leaf.getSerialNumber());
		assertThat(crl.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(crl.certificates()).isEmpty();
		assertThat(crl.crls()).hasSize(1);
		X509CRL received = crl.crls().get(0);
		received.verify(ca.getPublicKey());
		assertThat(received.getRevokedCertificate(leaf.getSerialNumber())).isNotNull();

		assertThat(lookup(MessageType.GET_CERT, issuer, new BigInteger("123456789ABCDEF", 16)).failInfo())
			.isEqualTo(FailInfo.BAD_CERT_ID);
		assertThat(lookup(MessageType.GET_CRL, new X500Name("CN=Some Other CA"), leaf.getSerialNumber()).failInfo())
			.isEqualTo(FailInfo.BAD_CERT_ID);
	}

	private X509Certificate enroll(String commonName) throws Exception {
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				client.mintChallenge(), commonName, Files.createDirectories(this.dir.resolve(commonName)));
		return enrollment.certificate().orElseThrow(() -> new AssertionError(enrollment.output()));
	}

	/**
	 * A GetCert or GetCRL pkiMessage from a throwaway self-signed signer, POSTed to the
	 * default profile, the CertRep checked against the RA signing certificate.
	 */
	private CertRepResponse lookup(MessageType type, X500Name issuer, BigInteger serial) throws Exception {
		return lookup(client, type, issuer, serial);
	}

	static CertRepResponse lookup(SuiteClient client, MessageType type, X500Name issuer, BigInteger serial)
			throws Exception {
		List<X509Certificate> caCertificates = client.caCertificates();
		X509Certificate raSigning = caCertificates.get(0);
		X509Certificate raEncryption = caCertificates.get(1);
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		java.security.KeyPair keys = generator.generateKeyPair();
		X509Certificate signer = ScepRequestBuilder.selfSignedSigner(keys, new X500Name("CN=lookup"));
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		byte[] messageData = new IssuerAndSerialNumber(issuer, serial).getEncoded(ASN1Encoding.DER);
		byte[] message = ScepRequestBuilder.pkiMessage(type, messageData, signer, keys.getPrivate(), raEncryption,
				HexFormat.of().formatHex(nonce), nonce, CMSAlgorithm.AES128_CBC, "SHA-256");
		HttpResponse<byte[]> response = client
			.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/scep/default?operation=PKIOperation")))
				.header("Content-Type", "application/x-pki-message")
				.POST(HttpRequest.BodyPublishers.ofByteArray(message))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		return CertRepReader.read(response.body(), raSigning, keys.getPrivate());
	}

	private HttpResponse<String> revoke(String serial, String body) throws Exception {
		String token = Files.readString(suite.settings().dataDir().resolve("admin-ui-token")).strip();
		return client.send(HttpRequest
			.newBuilder(URI
				.create("http://127.0.0.1:" + suite.settings().caPort() + "/api/v1/certificates/" + serial + "/revoke"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * The CRL from its distribution point on the gateway, converted to PEM by OpenSSL.
	 */
	private Path crlPem() throws Exception {
		HttpResponse<byte[]> response = client
			.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/crl/root.crl"))).build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
		CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
		Path der = this.dir.resolve("crl.der");
		Files.write(der, response.body());
		Path pem = this.dir.resolve("crl.pem");
		openssl("crl", "-inform", "DER", "-in", der.toString(), "-out", pem.toString());
		return pem;
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static String serial(X509Certificate certificate) {
		return SerialNumbers.hex(certificate.getSerialNumber());
	}

	/** As {@code openssl crl -text} prints it: two hex digits per byte. */
	private static String printedSerial(X509Certificate certificate) {
		return SerialNumbers.hex(certificate.getSerialNumber());
	}

	private static String openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(OPENSSL.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
