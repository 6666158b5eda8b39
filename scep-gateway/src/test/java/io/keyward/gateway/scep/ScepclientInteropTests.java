package io.keyward.gateway.scep;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * micromdm's {@code scepclient} (Debian package {@code scep}), a client nobody here
 * wrote, against the gateway. Version 2.1.0 envelopes its request with single DES
 * whatever GetCACaps offers; the default profile accepts that ({@code legacy-single-des})
 * and answers with DES-EDE3, so the client parses our GetCACaps and GetCACert, picks the
 * RA certificates, verifies our CertRep signature, decrypts it and stores the
 * certificate. Fails, naming the package, where the client is not installed.
 */
class ScepclientInteropTests extends AbstractGatewayTests {

	@TempDir
	Path dir;

	@Test
	void whenScepclientEnrollsAtNdesPathThenItStoresTheIssuedCertificate() throws Exception {
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(
				"http://127.0.0.1:" + this.port + "/certsrv/mscep/mscep.dll", FakeUpstreams.GOOD_CHALLENGE,
				"scepclient-interop", this.dir);
		X509Certificate certificate = enrollment.certificate()
			.orElseThrow(() -> new AssertionError("scepclient stored no certificate:\n" + enrollment.output()));
		assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=scepclient-interop");
		assertThat(enrollment.output()).contains("op=GetCACaps error=null");
	}

}
