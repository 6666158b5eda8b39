package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificatesOnlyTests {

	private static final TestPki pki = TestPki.shared();

	@Test
	void whenEncodedAndDecodedThenOrderIsKeptInEitherDirection() throws Exception {
		X509Certificate issued = pki.issue(csr());
		List<X509Certificate> forward = List.of(issued, pki.raSigningCertificate, pki.raEncryptionCertificate,
				pki.caCertificate);
		List<X509Certificate> backward = List.of(pki.caCertificate, pki.raEncryptionCertificate,
				pki.raSigningCertificate, issued);
		assertThat(CertificatesOnly.decode(CertificatesOnly.encode(forward))).containsExactlyElementsOf(forward);
		assertThat(CertificatesOnly.decode(CertificatesOnly.encode(backward))).containsExactlyElementsOf(backward);
	}

	@Test
	void whenEncodedThenItIsADegenerateSignedDataWithoutContentOrSigners() throws Exception {
		CMSSignedData signedData = new CMSSignedData(CertificatesOnly.encode(List.of(pki.caCertificate)));
		assertThat(signedData.getVersion()).isEqualTo(1);
		assertThat(signedData.getSignerInfos().size()).isZero();
		assertThat(signedData.getSignedContentType()).isEqualTo(CMSObjectIdentifiers.data);
		assertThat(signedData.getSignedContent()).isNull();
	}

	@Test
	void whenEncodedThenLengthsAreDefinite() {
		byte[] der = CertificatesOnly.encode(List.of(pki.caCertificate));
		assertThat(der[1] & 0xff).isNotEqualTo(0x80);
	}

	@Test
	void whenBytesAreNotSignedDataThenMalformedMessageException() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> CertificatesOnly.decode(pki.caCertificate.getEncoded()));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> CertificatesOnly.decode(new byte[] { 0x30, 0x03, 0x02, 0x01 }));
	}

	private static PKCS10CertificationRequest csr() {
		return TestPki.csr(TestPki.rsa(2048), "CN=issued", "x");
	}

}
