package io.keyward.edge.pem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificatesTests {

	/** Self-signed P-256 certificate, CN=certificates-test (openssl req -x509). */
	private static final String PEM = "" + "-----BEGIN CERTIFICATE-----\n" //
			+ "MIIBkDCCATWgAwIBAgIUcrpXzg1teNB8OHSch0l8MzKuFA0wCgYIKoZIzj0EAwIw\n" //
			+ "HDEaMBgGA1UEAwwRY2VydGlmaWNhdGVzLXRlc3QwIBcNMjYxMjA2MTUyNjQ3WhgP\n" //
			+ "MjEyNjExMTIxNTI2NDdaMBwxGjAYBgNVBAMMEWNlcnRpZmljYXRlcy10ZXN0MFkw\n" //
			+ "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExCNCAJk/C1sF7f/gBoJRUJzIw5HRcH+p\n" //
			+ "btKeOnQvEmLAi9Z+7ZCPUV3+ccJSjmnbOH+Vk0G+0lGjWC7/ervA2KNTMFEwHQYD\n" //
			+ "VR0OBBYEFGU4gxFRhAFWS/+D2IMEC+cvUS2NMB8GA1UdIwQYMBaAFGU4gxFRhAFW\n" //
			+ "S/+D2IMEC+cvUS2NMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIh\n" //
			+ "AIEm3BoGB3XHAvLOobPJP6SdN9AzKofjm5Bry8me1ervAiEAgW/suw8ndpilTkMR\n" //
			+ "K+sS9QKF3KA3P+Kr4EPd6XHMClE=\n" //
			+ "-----END CERTIFICATE-----\n";

	/** Another one, CN=second. */
	private static final String SECOND_PEM = "" + "-----BEGIN CERTIFICATE-----\n" //
			+ "MIIBeTCCAR+gAwIBAgIUbSMqljlK2WANs31eZBpdaprapp4wCgYIKoZIzj0EAwIw\n" //
			+ "ETEPMA0GA1UEAwwGc2Vjb25kMCAXDTI2MTIwNjE1MjY0N1oYDzIxMjYxMTEyMTUy\n" //
			+ "NjQ3WjARMQ8wDQYDVQQDDAZzZWNvbmQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\n" //
			+ "AAS0tjFGl1GnPELlPOHc/sXvYyWCpIgEVSaVtS+2+V/CsQUry1SZEjJnWlC+po6+\n" //
			+ "Tb0zXHqMmJiHtyBLtPA9+d+Io1MwUTAdBgNVHQ4EFgQUxxkhjt7x7u+wLoIOd5BD\n" //
			+ "gRoGTM0wHwYDVR0jBBgwFoAUxxkhjt7x7u+wLoIOd5BDgRoGTM0wDwYDVR0TAQH/\n" //
			+ "BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAoy+PAYo3wDb2FBtuR5YOqdsonyl8q\n" //
			+ "bKYp/OYj1OietwIhAJzH9XGjcCl6CDOPIC8tO44QZZvctUwjBg+n4C/r1aWT\n" //
			+ "-----END CERTIFICATE-----\n";

	@Test
	void whenACertificateIsReadThenTheJdksCertificateCacheDoesNotKeepIt() throws Exception {
		byte[] der = der(PEM);
		X509Certificate read = Certificates.read(der);
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		X509Certificate cached = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
		// the JDK's factory answers an encoding it has cached with the cached instance
		assertThat(factory.generateCertificate(new ByteArrayInputStream(der))).isSameAs(cached);
		// so Certificates.read did not put its certificate there
		assertThat(cached).isNotSameAs(read).isEqualTo(read);
		assertThat(read.getClass()).isEqualTo(cached.getClass());
		assertThat(read.getSubjectX500Principal().getName()).isEqualTo("CN=certificates-test");
	}

	@Test
	void whenTheBytesArePemThenTheCertificateIsRead() throws Exception {
		assertThat(Certificates.read(PEM.getBytes(StandardCharsets.US_ASCII)).getEncoded()).isEqualTo(der(PEM));
		assertThat(CertificatePem.parse(PEM).getEncoded()).isEqualTo(der(PEM));
	}

	@Test
	void whenTheBytesHoldTwoCertificatesOrNoneThenTheyAreRefused() {
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> Certificates.read((PEM + SECOND_PEM).getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("read 2");
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> Certificates.read(new byte[0]));
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> Certificates.read("not a certificate".getBytes(StandardCharsets.US_ASCII)));
	}

	private static byte[] der(String pem) {
		return Base64.getMimeDecoder()
			.decode(pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", ""));
	}

}
