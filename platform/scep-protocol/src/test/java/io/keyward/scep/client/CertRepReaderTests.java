package io.keyward.scep.client;

import java.util.List;

import io.keyward.scep.CertRep;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.PkiMessageDecoder;
import io.keyward.scep.PkiRequest;
import io.keyward.scep.ScepAttributes;
import io.keyward.scep.TestClient;
import io.keyward.scep.TestPki;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertRepReaderTests {

	private static final TestPki pki = TestPki.shared();

	private static final TestClient client = TestClient.create("device1");

	@Test
	void whenCertRepIsSignedByAnotherRaThenMalformedMessageException() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.pending(request()));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> CertRepReader.read(der, pki.raEncryptionCertificate, client.keys().getPrivate()))
			.withMessageContaining("signature");
	}

	@Test
	void whenMessageIsARequestThenMalformedMessageException() {
		byte[] request = client.pkcsReq(pki, "tx-1", ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC,
				"SHA-256");
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> CertRepReader.read(request, client.signer(), client.keys().getPrivate()))
			.withMessageContaining("not CertRep");
	}

	@Test
	void whenSuccessIsForAnotherKeyThenMalformedMessageException() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.success(request(), List.of(pki.issue(client.csr()))));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> CertRepReader.read(der, pki.raSigningCertificate, TestPki.rsa(2048).getPrivate()))
			.withMessageContaining("decrypted");
	}

	@Test
	void whenBytesAreNotCmsThenMalformedMessageException() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(
				() -> CertRepReader.read(new byte[] { 1, 2, 3 }, pki.raSigningCertificate, client.keys().getPrivate()));
	}

	private static PkiRequest request() throws Exception {
		return new PkiMessageDecoder(List.of(pki.recipientKey()))
			.decode(client.pkcsReq(pki, "tx-1", ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC, "SHA-256"));
	}

}
