package io.keyward.scep;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden messages captured from clients nobody here wrote (see
 * {@code src/test/resources/fixtures/README.md}): micromdm {@code scepclient} 2.1.0 and
 * certmonger 0.79.17, enrolling against a capture server that published the fixture RA
 * certificates.
 */
class RealClientFixtureTests {

	private static final X509Certificate raEncryption = Fixtures.certificate("ra-encryption.pem");

	private static final X509Certificate raSigning = Fixtures.certificate("ra-signing.pem");

	private final PkiMessageDecoder decoder = new PkiMessageDecoder(List.of(Fixtures.recipientKey()));

	private final CertRepEncoder encoder = new CertRepEncoder(raSigning, Fixtures.privateKey("ra-signing.key"));

	static Stream<Capture> captures() {
		return Stream.of(
				new Capture("scepclient-pkcsreq-post.der", "scepclient-device1.key", "KW7Q2M9X4T8P3Z6R", "device1",
						new ASN1ObjectIdentifier("1.3.14.3.2.7"), OIWObjectIdentifiers.idSHA1),
				new Capture("scepclient-pkcsreq-get-query.txt", "scepclient-device2.key", "KW5J8N2V7C4H9D3L", "device2",
						new ASN1ObjectIdentifier("1.3.14.3.2.7"), OIWObjectIdentifiers.idSHA1),
				new Capture("certmonger-pkcsreq-aes256-get-query.txt", "certmonger-device3.key", "KW3F6R9T2Y5U8P4W",
						"device3", CMSAlgorithm.AES256_CBC, NISTObjectIdentifiers.id_sha256),
				new Capture("certmonger-pkcsreq-des3-get-query.txt", "certmonger-device4.key", "KW8B3N6M1Q4S7V2X",
						"device4", CMSAlgorithm.DES_EDE3_CBC, NISTObjectIdentifiers.id_sha256));
	}

	static Stream<Capture> certmonger() {
		return captures().filter((capture) -> capture.file().startsWith("certmonger"));
	}

	static Stream<Capture> scepclient() {
		return captures().filter((capture) -> capture.file().startsWith("scepclient"));
	}

	@ParameterizedTest
	@MethodSource("captures")
	void whenFixtureIsDecodedThenItIsASignedPkcsReqFromTheFixtureKey(Capture capture) throws Exception {
		byte[] message = capture.message();
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.messageType()).contains(MessageType.PKCS_REQ);
		assertThat(request.transactionId()).isNotBlank();
		assertThat(request.senderNonce()).hasSize(16);
		assertThat(request.digestAlgorithm()).isEqualTo(capture.digest());
		assertThat(request.failInfo()).isNotEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(PkiMessage.parse(message).signatureVerifies(request.signerCertificate().getPublicKey())).isTrue();
		CertificationRequest csr = CertificationRequest.parse(Fixtures.openEnvelopeIgnoringPolicy(message));
		assertThat(csr.challengePassword()).contains(capture.challenge());
		assertThat(csr.subject()).startsWith("CN=" + capture.cn());
		assertThat(csr.pkcs10().getSubjectPublicKeyInfo().getEncoded())
			.isEqualTo(request.signerCertificate().getPublicKey().getEncoded());
	}

	@ParameterizedTest
	@MethodSource("certmonger")
	void whenCertmongerFixtureIsDecodedThenItIsDecryptedWithItsCipher(Capture capture) throws Exception {
		PkiRequest request = this.decoder.decode(capture.message());
		assertThat(request.ok()).isTrue();
		assertThat(request.contentEncryptionAlgorithm()).isEqualTo(capture.cipher());
		// certmonger: transactionID is the SPKI digest as a decimal number (scepgen-o.c)
		assertThat(request.transactionId()).containsOnlyDigits();
		CertificationRequest csr = CertificationRequest.parse(request.messageData());
		assertThat(csr.challengePassword()).contains(capture.challenge());
	}

	@ParameterizedTest
	@MethodSource("scepclient")
	void whenScepclientFixtureUsesSingleDesThenBadAlg(Capture capture) throws Exception {
		// scepclient 2.1.0 envelopes with des-cbc whatever GetCACaps says; RFC 8894
		// section
		// 2.9 forbids single DES, so the request is answered with badAlg
		PkiRequest request = this.decoder.decode(capture.message());
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_ALG);
		assertThat(request.messageData()).isNull();
	}

	@ParameterizedTest
	@MethodSource("scepclient")
	void whenAProfileAllowsLegacySingleDesThenScepclientDecodesAndTheReplyIsTripleDes(Capture capture)
			throws Exception {
		PkiRequest request = new PkiMessageDecoder(List.of(Fixtures.recipientKey()),
				ScepAlgorithms.withLegacySingleDes(), PkiMessageDecoder.ALL_REQUESTS)
			.decode(capture.message());
		assertThat(request.ok()).as(request.failureReason()).isTrue();
		assertThat(request.contentEncryptionAlgorithm()).isEqualTo(ScepAlgorithms.SINGLE_DES);
		assertThat(CertificationRequest.parse(request.messageData()).challengePassword()).contains(capture.challenge());
		assertThat(ScepAlgorithms.replyContentCipher(request.contentEncryptionAlgorithm()))
			.isEqualTo(org.bouncycastle.cms.CMSAlgorithm.DES_EDE3_CBC);
		X509Certificate issued = Fixtures.issue(CertificationRequest.parse(request.messageData()).pkcs10());
		CertRepResponse response = CertRepReader.read(this.encoder.encode(CertRep.success(request, List.of(issued))),
				raSigning, Fixtures.privateKey(capture.key()));
		assertThat(response.certificates()).containsExactly(issued);
	}

	@Test
	void whenScepclientSendsByGetThenTheMessageIsBase64UrlAndStillDecodes() throws Exception {
		String query = Fixtures.text("scepclient-pkcsreq-get-query.txt");
		assertThat(query).containsAnyOf("-", "_");
		assertThat(PkiMessage.parse(MessageParameter.decode(query)).transactionId()).isPresent();
	}

	@ParameterizedTest
	@MethodSource("captures")
	void whenCertRepIsEncodedForAFixtureThenTheFixtureKeyReadsIt(Capture capture) throws Exception {
		PkiRequest request = this.decoder.decode(capture.message());
		PKCS10CertificationRequest csr = CertificationRequest
			.parse(Fixtures.openEnvelopeIgnoringPolicy(capture.message()))
			.pkcs10();
		X509Certificate issued = Fixtures.issue(csr);
		byte[] success = this.encoder.encode(CertRep.success(request, List.of(issued)));
		byte[] failure = this.encoder.encode(CertRep.failure(request, FailInfo.BAD_ALG, "single DES"));
		PrivateKey clientKey = Fixtures.privateKey(capture.key());

		CertRepResponse issuedResponse = CertRepReader.read(success, raSigning, clientKey);
		assertThat(issuedResponse.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(issuedResponse.certificates()).containsExactly(issued);
		assertThat(issuedResponse.transactionId()).isEqualTo(request.transactionId());
		assertThat(issuedResponse.recipientNonce()).isEqualTo(request.senderNonce());
		CertRepResponse failed = CertRepReader.read(failure, raSigning, clientKey);
		assertThat(failed.failInfo()).isEqualTo(FailInfo.BAD_ALG);
	}

	@Test
	void whenOpensslDegenerateGetCaCertIsDecodedThenOrderIsKept() throws Exception {
		assertThat(CertificatesOnly.decode(Fixtures.bytes("getcacert.p7b"))).containsExactly(raSigning, raEncryption,
				Fixtures.certificate("ca.pem"));
	}

	record Capture(String file, String key, String challenge, String cn, ASN1ObjectIdentifier cipher,
			ASN1ObjectIdentifier digest) {

		byte[] message() throws MalformedMessageException {
			return this.file.endsWith(".txt") ? MessageParameter.decode(Fixtures.text(this.file))
					: Fixtures.bytes(this.file);
		}

		@Override
		public String toString() {
			return this.file;
		}

	}

}
