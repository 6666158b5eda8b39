package io.keyward.gateway.scep;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.api.ca.CaCertificates;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestCertificateAuthority;
import io.keyward.scep.CertificatesOnly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetCACert per profile (RFC 8894 section 4.2.1.2), read as a client reads it:
 * {@code CA_AND_RA} (the default, as NDES), {@code FULL_CHAIN}, and {@code CA_ONLY} (one
 * DER certificate, section 4.2.1.1).
 */
class GetCaCertContentsTests extends AbstractGatewayTests {

	private static final X509Certificate ROOT = new TestCertificateAuthority("CN=Keyward Test Root,O=Keyward Tests")
		.certificate();

	private static final X509Certificate PREVIOUS = new TestCertificateAuthority("CN=Keyward Test CA,O=Keyward Tests")
		.certificate();

	private static final X509Certificate LINK = new TestCertificateAuthority("CN=Keyward Test Link,O=Keyward Tests")
		.certificate();

	@Autowired
	CaCertificateChain caChain;

	@AfterEach
	void forgetPublished() {
		upstreams.reset();
		this.caChain.forget();
	}

	@Test
	void whenTheProfileIsCaAndRaThenRaCertificatesAndTheIssuingCaOnly() throws Exception {
		publish(new CaCertificates(List.of(pem(upstreams.ca.certificate()), pem(ROOT))));

		assertThat(getCaCert("/scep/default")).containsExactly(ra().signingCertificate(), ra().encryptionCertificate(),
				upstreams.ca.certificate());
	}

	@Test
	void whenTheProfileIsFullChainThenEveryCaUpToTheRoot() throws Exception {
		publish(new CaCertificates(List.of(pem(upstreams.ca.certificate()), pem(ROOT))));

		assertThat(getCaCert("/scep/fullchain")).containsExactly(ra().signingCertificate(),
				ra().encryptionCertificate(), upstreams.ca.certificate(), ROOT);
	}

	@Test
	void whenACaRolledOverThenFullChainAddsTheLinksAndThePreviousCaAndCaAndRaDoesNot() throws Exception {
		publish(new CaCertificates(List.of(pem(upstreams.ca.certificate())), List.of(), null, List.of(pem(PREVIOUS)),
				List.of(pem(LINK))));

		assertThat(getCaCert("/scep/fullchain")).containsExactly(ra().signingCertificate(),
				ra().encryptionCertificate(), upstreams.ca.certificate(), LINK, PREVIOUS);
		assertThat(getCaCert("/scep/default")).containsExactly(ra().signingCertificate(), ra().encryptionCertificate(),
				upstreams.ca.certificate());
	}

	@Test
	void whenTheProfileIsCaOnlyThenTheIssuingCaAloneAsOneDerCertificate() throws Exception {
		publish(new CaCertificates(List.of(pem(upstreams.ca.certificate()), pem(ROOT))));

		HttpResponse<byte[]> response = get("/scep/caonly?operation=GetCACert&message=ca");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/x-x509-ca-cert");
		assertThat(response.body()).isEqualTo(upstreams.ca.certificate().getEncoded());
	}

	private void publish(CaCertificates published) {
		upstreams.published = published;
		this.caChain.forget();
	}

	private List<X509Certificate> getCaCert(String path) throws Exception {
		HttpResponse<byte[]> response = get(path + "?operation=GetCACert&message=ca");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/x-x509-ca-ra-cert");
		return CertificatesOnly.decode(response.body());
	}

	private static String pem(X509Certificate certificate) {
		return TestCertificateAuthority.pem(certificate);
	}

}
