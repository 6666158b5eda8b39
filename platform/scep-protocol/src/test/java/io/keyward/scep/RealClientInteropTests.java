package io.keyward.scep;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyward.scep.CertRepEncoder.OmittedEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our CertReps read by real clients: certmonger's {@code scep-submit} (Debian package
 * {@code certmonger}) and micromdm's {@code scepclient} (Debian package {@code scep}),
 * enrolling against an in-process SCEP responder built from this module. Skipped where
 * the clients are not installed.
 */
class RealClientInteropTests {

	private static final Path SCEP_SUBMIT = Path.of("/usr/lib/certmonger/scep-submit");

	private static final Path SCEPCLIENT = Path.of("/usr/bin/scepclient");

	private static final String CAPS = "POSTPKIOperation\nRenewal\nSHA-256\nSHA-1\nAES\nDES3\nSCEPStandard\n";

	private final PkiMessageDecoder decoder = new PkiMessageDecoder(List.of(Fixtures.recipientKey()));

	private volatile Answer answer;

	private volatile OmittedEnvelope omittedEnvelope = OmittedEnvelope.ABSENT;

	private HttpServer server;

	@TempDir
	Path dir;

	@BeforeEach
	void startResponder() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/scep", this::handle);
		this.server.start();
		for (String name : List.of("ca.pem", "ra-signing.pem", "ra-encryption.pem")) {
			Files.write(this.dir.resolve(name), Fixtures.bytes(name));
		}
	}

	@AfterEach
	void stopResponder() {
		this.server.stop(0);
	}

	@Test
	void whenCertmongerReceivesOurSuccessThenItVerifiesItAndOutputsTheEnvelope() throws Exception {
		requireInstalled(SCEP_SUBMIT, "certmonger");
		this.answer = RealClientInteropTests::issue;
		Result result = scepSubmit();
		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("-----BEGIN PKCS7-----");
	}

	@Test
	void whenCertmongerReceivesFailureWithEmptyContentThenItReportsTheRejection() throws Exception {
		requireInstalled(SCEP_SUBMIT, "certmonger");
		this.omittedEnvelope = OmittedEnvelope.EMPTY_OCTET_STRING;
		this.answer = (request, message) -> CertRep.failure(request, FailInfo.BAD_REQUEST, "challenge rejected");
		Result result = scepSubmit();
		// scep-submit exit status 2: "the CA rejected the request"
		assertThat(result.exit()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("not permitted");
	}

	@Test
	void whenCertmongerReceivesPendingWithEmptyContentThenItWaits() throws Exception {
		requireInstalled(SCEP_SUBMIT, "certmonger");
		this.omittedEnvelope = OmittedEnvelope.EMPTY_OCTET_STRING;
		this.answer = (request, message) -> CertRep.pending(request);
		Result result = scepSubmit();
		// scep-submit exit status 1: "the CA is still thinking"
		assertThat(result.exit()).as(result.output()).isEqualTo(1);
	}

	@Test
	void whenCertmongerReceivesFailureWithAbsentContentThenOpensslCannotVerifyIt() throws Exception {
		// why OmittedEnvelope exists: PKCS7_verify wants content, so the RFC form reads
		// as
		// "CA unreachable" (exit 3) in certmonger 0.79
		requireInstalled(SCEP_SUBMIT, "certmonger");
		this.answer = (request, message) -> CertRep.failure(request, FailInfo.BAD_REQUEST, null);
		Result result = scepSubmit();
		assertThat(result.exit()).as(result.output()).isEqualTo(3);
		assertThat(result.output()).contains("no content");
	}

	@Test
	void whenScepclientEnrollsThenItStoresTheCertificateWeIssued() throws Exception {
		requireInstalled(SCEPCLIENT, "scep");
		this.answer = RealClientInteropTests::issue;
		Result result = scepclient("device9");
		assertThat(result.exit()).as(result.output()).isZero();
		X509Certificate issued = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(Files.newInputStream(this.dir.resolve("device9.pem")));
		assertThat(issued.getSubjectX500Principal().getName()).contains("CN=device9");
		assertThat(issued.getIssuerX500Principal()).isEqualTo(Fixtures.certificate("ca.pem").getSubjectX500Principal());
	}

	@Test
	void whenScepclientReceivesFailureThenItReportsIt() throws Exception {
		requireInstalled(SCEPCLIENT, "scep");
		this.answer = (request, message) -> CertRep.failure(request, request.failInfo(), request.failureReason());
		Result result = scepclient("device8");
		assertThat(result.exit()).as(result.output()).isNotZero();
		// scepclient 2.1.0 envelopes with single DES, which the decoder refuses
		assertThat(result.output()).contains("failInfo: badAlg");
		assertThat(this.dir.resolve("device8.pem")).doesNotExist();
	}

	/** SUCCESS whatever the policy said, to see whether the client reads it. */
	private static CertRep issue(PkiRequest request, byte[] message) throws Exception {
		byte[] csr = request.ok() ? request.messageData() : Fixtures.openEnvelopeIgnoringPolicy(message);
		return CertRep.success(request, List.of(Fixtures.issue(CertificationRequest.parse(csr).pkcs10())));
	}

	private Result scepSubmit() throws Exception {
		byte[] request = MessageParameter.decode(Fixtures.text("certmonger-pkcsreq-aes256-get-query.txt"));
		Path pem = this.dir.resolve("request.pem");
		Files.writeString(pem,
				"-----BEGIN PKCS7-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(request)
						+ "\n-----END PKCS7-----\n");
		return run(SCEP_SUBMIT.toString(), "-u", url(), "-r", "ra-signing.pem", "-N", "ca.pem", "-I",
				"ra-encryption.pem", "-p", "request.pem");
	}

	private Result scepclient(String cn) throws Exception {
		// scepclient writes csr.pem and self.pem to its working directory and reuses them
		return run(SCEPCLIENT.toString(), "-server-url", url(), "-challenge", "KW7Q2M9X4T8P3Z6R", "-private-key",
				cn + ".key", "-cn", cn, "-certificate", cn + ".pem");
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/scep";
	}

	private Result run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			String operation = parameter(query, "operation");
			switch (operation) {
				case "getcacaps" -> respond(exchange, "text/plain", CAPS.getBytes(StandardCharsets.US_ASCII));
				case "getcacert", "getcachain" ->
					respond(exchange, "application/x-x509-ca-ra-cert", Fixtures.bytes("getcacert.p7b"));
				case "pkioperation" -> {
					byte[] message = "POST".equals(exchange.getRequestMethod())
							? exchange.getRequestBody().readAllBytes() : MessageParameter.decode(query);
					CertRep certRep = this.answer.apply(this.decoder.decode(message), message);
					respond(exchange, "application/x-pki-message",
							Fixtures.encoder(this.omittedEnvelope).encode(certRep));
				}
				default -> respond(exchange, "text/plain", new byte[0], 404);
			}
		}
		catch (Exception ex) {
			byte[] body = String.valueOf(ex).getBytes(StandardCharsets.UTF_8);
			respond(exchange, "text/plain", body, 500);
		}
	}

	private static String parameter(String query, String name) {
		for (String pair : (query != null) ? query.split("&") : new String[0]) {
			if (pair.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
				return pair.substring(name.length() + 1).toLowerCase(Locale.ROOT);
			}
		}
		return "";
	}

	private static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		respond(exchange, contentType, body, 200);
	}

	private static void respond(HttpExchange exchange, String contentType, byte[] body, int status) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@FunctionalInterface
	interface Answer {

		CertRep apply(PkiRequest request, byte[] message) throws Exception;

	}

	record Result(int exit, String output) {
	}

	/**
	 * Never skipped: .ci/run installs the clients, and a missing one names its package.
	 */
	private static void requireInstalled(Path program, String debianPackage) {
		if (!Files.isExecutable(program)) {
			throw new AssertionError(program + " is missing: install the Debian package '" + debianPackage + "'");
		}
	}

}
