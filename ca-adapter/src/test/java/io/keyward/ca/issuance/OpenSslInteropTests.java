package io.keyward.ca.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.TestCsrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What relying parties built on OpenSSL make of the issued certificates: certmonger
 * checks the RA signer of a CertRep with the S/MIME signing purpose, TLS stacks check
 * clientAuth.
 */
@CaAdapterTest
class OpenSslInteropTests {

	private static final Path OPENSSL = Path.of("/usr/bin/openssl");

	@LocalServerPort
	int port;

	@Autowired
	RestClient.Builder restClient;

	@TempDir
	Path dir;

	CertificateAuthorityClient client;

	@BeforeEach
	void client() throws IOException {
		if (!Files.isExecutable(OPENSSL)) {
			// never skipped: .ci/run installs it
			throw new AssertionError(OPENSSL + " is missing: install the Debian package 'openssl'");
		}
		this.client = ServiceClients.create(this.restClient, "http://127.0.0.1:" + this.port,
				CaAdapterTest.SERVICE_TOKEN, Duration.ofSeconds(30), CertificateAuthorityClient.class);
		Files.writeString(this.dir.resolve("ca.pem"), this.client.caCertificates().chainPem().get(0));
	}

	@Test
	void whenRaSigningCertificateIsCheckedAsSmimeSignerThenOpenSslAcceptsIt() throws Exception {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=Keyward RA Signing").base64();
		String pem = this.client.issueRaCertificate(new IssueRequest(csr, "ra", "ra-signing", null)).certificatePem();

		assertThat(verify(pem, "smimesign")).isEqualTo("OK");
	}

	@Test
	void whenDefaultCertificateIsCheckedForTlsClientThenOpenSslAcceptsItButNotForTlsServer() throws Exception {
		String pem = issue("default", "CN=device.example");

		assertThat(verify(pem, "sslclient")).isEqualTo("OK");
		assertThat(verify(pem, "sslserver")).contains("unsuitable certificate purpose");
	}

	private String issue(String template, String subject) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject).base64();
		return this.client.issue(new IssueRequest(csr, "interop", template, null)).certificatePem();
	}

	private String verify(String pem, String purpose) throws Exception {
		Path leaf = this.dir.resolve("leaf.pem");
		Files.writeString(leaf, pem);
		List<String> command = new ArrayList<>(List.of(OPENSSL.toString(), "verify", "-CAfile",
				this.dir.resolve("ca.pem").toString(), "-purpose", purpose, leaf.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return output.startsWith(leaf + ": OK") ? "OK" : output;
	}

}
