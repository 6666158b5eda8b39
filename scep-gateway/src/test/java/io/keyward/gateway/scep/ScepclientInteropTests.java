package io.keyward.gateway.scep;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

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
 * certificate. While the CA is unavailable it is told PENDING (RFC 8894 section 3.3.2.3)
 * and asks again 30 s later. Fails, naming the package, where the client is not
 * installed.
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

	@Test
	void whenCaUnavailableThenScepclientGetsPendingAndItsRetryGetsTheCertificate() throws Exception {
		upstreams.caFailureStatus = 503;
		FutureTask<MicromdmScepClient.Enrollment> run = new FutureTask<>(
				() -> MicromdmScepClient.enroll("http://127.0.0.1:" + this.port + "/certsrv/mscep/mscep.dll",
						FakeUpstreams.GOOD_CHALLENGE, "scepclient-pending", this.dir));
		Thread.ofPlatform().daemon().start(run);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (openAttempts("scepclient-pending") == 0) {
			assertThat(System.nanoTime() - deadline).as("scepclient's PKCSReq recorded").isNegative();
			Thread.sleep(100);
		}
		// the client was told PENDING and sleeps 30 s before it asks again
		upstreams.caFailureStatus = null;
		MicromdmScepClient.Enrollment enrollment = run.get(120, TimeUnit.SECONDS);
		X509Certificate certificate = enrollment.certificate()
			.orElseThrow(() -> new AssertionError("scepclient stored no certificate:\n" + enrollment.output()));
		assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=scepclient-pending");
		assertThat(enrollment.output()).contains("PENDING");
	}

	private int openAttempts(String commonName) {
		Integer attempts = this.jdbc.queryForObject("select coalesce(max(attempts), 0) from gateway.transaction "
				+ "where subject like ? and status = 'RECEIVED'", Integer.class, "%CN=" + commonName + "%");
		return (attempts != null) ? attempts : 0;
	}

}
