package io.keyward.gateway.scep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * micromdm's {@code scepclient} (Debian package {@code scep}), a client nobody here
 * wrote, against the gateway. Version 2.1.0 envelopes its request with single DES
 * whatever GetCACaps offers; the codec refuses that (RFC 8894 section 2.9), so the
 * exchange ends in a signed FAILURE badAlg. What this proves is the wire around it: the
 * client parses our GetCACaps and GetCACert, picks the RA certificates, and verifies our
 * CertRep signature. Skipped where the client is not installed.
 */
class ScepclientInteropTests extends AbstractGatewayTests {

	private static final Path SCEPCLIENT = Path.of("/usr/bin/scepclient");

	@TempDir
	Path dir;

	@Test
	void whenScepclientEnrollsAtNdesPathThenItReadsOurCertificatesAndSignedFailure() throws Exception {
		assumeTrue(Files.isExecutable(SCEPCLIENT), "scepclient not installed");
		Process process = new ProcessBuilder(SCEPCLIENT.toString(), "-server-url",
				"http://127.0.0.1:" + this.port + "/certsrv/mscep/mscep.dll", "-challenge",
				FakeUpstreams.GOOD_CHALLENGE, "-private-key", this.dir.resolve("key.pem").toString(), "-certificate",
				this.dir.resolve("cert.pem").toString(), "-cn", "scepclient-interop", "-debug")
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("msg=cacertlist count=3")
			.contains("CN=Keyward RA Signing,O=Keyward")
			.contains("op=GetCACaps error=null")
			.contains("scep_message_type=\"CertRep (3)\"")
			.contains("failInfo: badAlg");
	}

}
