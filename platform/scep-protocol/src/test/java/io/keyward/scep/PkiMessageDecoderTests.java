package io.keyward.scep;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import io.keyward.scep.client.ScepRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.keyward.scep.PkcsReqFixture.client;
import static io.keyward.scep.PkcsReqFixture.pki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PkiMessageDecoderTests {

	private final PkiMessageDecoder decoder = PkcsReqFixture.decoder();

	@ParameterizedTest
	@MethodSource("io.keyward.scep.PkcsReqFixture#cipherAndDigest")
	void whenPkcsReqIsWellFormedThenMessageDataAndAttributesAreDecoded(ASN1ObjectIdentifier cipher, String digest,
			ASN1ObjectIdentifier digestOid) throws Exception {
		byte[] nonce = ScepAttributes.newSenderNonce();
		PkiRequest request = this.decoder.decode(client.pkcsReq(pki, "tx-1", nonce, cipher, digest));
		assertThat(request.ok()).isTrue();
		assertThat(request.failInfo()).isNull();
		assertThat(request.messageType()).contains(MessageType.PKCS_REQ);
		assertThat(request.messageTypeCode()).isEqualTo(19);
		assertThat(request.transactionId()).isEqualTo("tx-1");
		assertThat(request.senderNonce()).isEqualTo(nonce);
		assertThat(request.signerCertificate()).isEqualTo(client.signer());
		assertThat(request.digestAlgorithm()).isEqualTo(digestOid);
		assertThat(request.contentEncryptionAlgorithm()).isEqualTo(cipher);
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
	}

	@Test
	void whenCertPollIsWellFormedThenIssuerAndSubjectAreDecoded() throws Exception {
		X500Name issuer = new X500Name("CN=Test CA");
		X500Name subject = new X500Name("CN=device1");
		byte[] message = ScepRequestBuilder.certPoll(issuer, subject, client.signer(), client.keys().getPrivate(),
				pki.raEncryptionCertificate, "tx-poll", ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC,
				"SHA-256");
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.ok()).isTrue();
		assertThat(request.messageType()).contains(MessageType.CERT_POLL);
		assertThat(request.transactionId()).isEqualTo("tx-poll");
		ASN1Sequence issuerAndSubject = ASN1Sequence.getInstance(request.messageData());
		assertThat(X500Name.getInstance(issuerAndSubject.getObjectAt(0))).isEqualTo(issuer);
		assertThat(X500Name.getInstance(issuerAndSubject.getObjectAt(1))).isEqualTo(subject);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42" })
	void whenEnvelopeUsesAes192OrAes256ThenItDecrypts(String cipher) throws Exception {
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), new ASN1ObjectIdentifier(cipher),
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		PkiRequest request = this.decoder.decode(pkcsReqWith(envelope));
		assertThat(request.ok()).isTrue();
		assertThat(request.contentEncryptionAlgorithm()).hasToString(cipher);
	}

	@Test
	void whenKeyTransportIsOaepThenItDecrypts() throws Exception {
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.oaep(pki.raEncryptionCertificate));
		PkiRequest request = this.decoder.decode(pkcsReqWith(envelope));
		assertThat(request.ok()).isTrue();
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
	}

	@Test
	void whenEnvelopeIsAddressedToSeveralRecipientsIncludingOursThenItDecrypts() throws Exception {
		// micromdm's scepclient encrypts to every certificate GetCACert returned
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.pkcs1(pki.caCertificate), RawPkiMessage.pkcs1(pki.raSigningCertificate),
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		PkiRequest request = this.decoder.decode(pkcsReqWith(envelope));
		assertThat(request.ok()).isTrue();
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
	}

	@Test
	void whenSeveralRecipientKeysAreConfiguredThenTheAddressedOneDecrypts() throws Exception {
		TestPki other = TestPki.create();
		PkiMessageDecoder decoder = new PkiMessageDecoder(List.of(other.recipientKey(), pki.recipientKey()));
		PkiRequest request = decoder.decode(PkcsReqFixture.pkcsReq("tx-1"));
		assertThat(request.ok()).isTrue();
	}

	@Test
	void whenEnvelopeIsForAnotherRecipientThenBadMessageCheck() throws Exception {
		TestPki other = TestPki.create();
		byte[] message = client.pkcsReq(other, "tx-1", ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC,
				"SHA-256");
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(request.messageData()).isNull();
		assertThat(request.contentEncryptionAlgorithm()).isNull();
		assertThat(request.transactionId()).isEqualTo("tx-1");
	}

	@Test
	void whenARequestIsDecodedThenItsSignerCertificateIsNotKeptInTheJdksCertificateCache() throws Exception {
		X509Certificate signer = this.decoder.decode(PkcsReqFixture.pkcsReq("tx-1")).signerCertificate();
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		X509Certificate cached = (X509Certificate) factory
			.generateCertificate(new ByteArrayInputStream(signer.getEncoded()));
		// the JDK's factory answers an encoding it has cached with the cached instance
		assertThat(factory.generateCertificate(new ByteArrayInputStream(signer.getEncoded()))).isSameAs(cached);
		// so the decoder's certificate, read once per request, was not put there
		assertThat(cached).isNotSameAs(signer).isEqualTo(signer);
		assertThat(signer.getClass()).isEqualTo(cached.getClass());
	}

	@Test
	void whenSignatureIsTamperedThenBadMessageCheck() throws Exception {
		byte[] message = PkcsReqFixture.pkcsReq("tx-1");
		SignerInformation signer = new CMSSignedData(message).getSignerInfos().getSigners().iterator().next();
		int at = indexOf(message, signer.getSignature());
		message[at + 10] ^= 0x01;
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(request.messageData()).isNull();
		assertThat(request.signerCertificate()).isEqualTo(client.signer());
	}

	@Test
	void whenEncapsulatedContentIsTamperedThenBadMessageCheck() throws Exception {
		byte[] message = PkcsReqFixture.pkcsReq("tx-1");
		byte[] envelope = PkiMessage.parse(message).content().orElseThrow();
		int at = indexOf(message, envelope);
		message[at + envelope.length - 1] ^= 0x01;
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.3.14.3.2.7", "1.2.840.113549.3.2" })
	void whenContentCipherIsSingleDesOrRc2ThenBadAlg(String cipher) throws Exception {
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), new ASN1ObjectIdentifier(cipher),
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		PkiRequest request = this.decoder.decode(pkcsReqWith(envelope));
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_ALG);
		assertThat(request.messageData()).isNull();
	}

	@Test
	void whenDigestIsMd5ThenBadAlg() throws Exception {
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope)
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.signatureAlgorithm("MD5withRSA")
			.build();
		assertThat(this.decoder.decode(message).failInfo()).isEqualTo(FailInfo.BAD_ALG);
	}

	@ParameterizedTest
	@ValueSource(strings = { "18", "3", "abc" })
	void whenMessageTypeIsNotARequestThenBadRequest(String type) throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(ScepAttributes.printable(ScepObjectIdentifiers.TRANSACTION_ID, "tx-1"),
					ScepAttributes.printable(ScepObjectIdentifiers.MESSAGE_TYPE, type),
					ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, ScepAttributes.newSenderNonce()))
			.build();
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(request.messageData()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "RENEWAL_REQ", "GET_CERT", "GET_CRL", "CERT_POLL" })
	void whenMessageTypeIsNotServedThenBadRequestBeforeSignatureOrEnvelopeIsLookedAt(MessageType type)
			throws Exception {
		// garbage for an envelope and a broken signature: either would be badMessageCheck
		// if the decoder looked at them
		byte[] message = RawPkiMessage.signedBy(client)
			.content(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })
			.attributes(RawPkiMessage.requestAttributes("tx-unserved", type, ScepAttributes.newSenderNonce()))
			.build();
		message[message.length - 1] ^= 0x01;
		PkiMessageDecoder pkcsReqOnly = new PkiMessageDecoder(List.of(pki.recipientKey()),
				ScepAlgorithms.CONTENT_CIPHERS, Set.of(MessageType.PKCS_REQ));
		PkiRequest request = pkcsReqOnly.decode(message);
		assertThat(request.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(request.failureReason()).isEqualTo("messageType " + type.rfcName() + " not served");
		assertThat(request.messageType()).contains(type);
		assertThat(request.transactionId()).isEqualTo("tx-unserved");
	}

	@Test
	void whenMessageTypeIsServedThenItIsDecoded() throws Exception {
		PkiMessageDecoder pkcsReqOnly = new PkiMessageDecoder(List.of(pki.recipientKey()),
				ScepAlgorithms.CONTENT_CIPHERS, Set.of(MessageType.PKCS_REQ));
		assertThat(pkcsReqOnly.decode(PkcsReqFixture.pkcsReq("tx-served")).ok()).isTrue();
	}

	@Test
	void whenMessageTypeIsUnassignedThenTypeIsEmptyAndCodeIsKept() throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(ScepAttributes.printable(ScepObjectIdentifiers.TRANSACTION_ID, "tx-1"),
					ScepAttributes.printable(ScepObjectIdentifiers.MESSAGE_TYPE, "18"),
					ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, ScepAttributes.newSenderNonce()))
			.build();
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.messageType()).isEmpty();
		assertThat(request.messageTypeCode()).isEqualTo(18);
	}

	@Test
	void whenPkcsPkiEnvelopeIsAbsentThenBadRequest() throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.build();
		assertThat(this.decoder.decode(message).failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
	}

	@Test
	void whenAttributesUseOtherStringTypesThenTheyAreReadLeniently() throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(new Attribute(ScepObjectIdentifiers.TRANSACTION_ID, new DERSet(new DERUTF8String("tx-utf8"))),
					new Attribute(ScepObjectIdentifiers.MESSAGE_TYPE, new DERSet(new DERIA5String("19"))),
					ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, new byte[16]))
			.build();
		PkiRequest request = this.decoder.decode(message);
		assertThat(request.ok()).isTrue();
		assertThat(request.transactionId()).isEqualTo("tx-utf8");
		assertThat(request.messageType()).contains(MessageType.PKCS_REQ);
	}

	@Test
	void whenMessageIsBerIndefiniteLengthThenItDecodes() throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(
					RawPkiMessage.requestAttributes("tx-ber", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.encoding(ASN1Encoding.BER)
			.build();
		assertThat(message[1]).isEqualTo((byte) 0x80);
		assertThat(this.decoder.decode(message).ok()).isTrue();
	}

	@Test
	void whenSignatureAlgorithmIsRsaEncryptionOrTheFullOidThenItVerifies() throws Exception {
		byte[] rsaEncryption = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.rsaEncryptionSignatureOid()
			.build();
		byte[] fullOid = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.build();
		assertThat(signatureOid(rsaEncryption)).isEqualTo(PKCSObjectIdentifiers.rsaEncryption.getId());
		assertThat(signatureOid(fullOid)).isEqualTo(PKCSObjectIdentifiers.sha256WithRSAEncryption.getId());
		assertThat(this.decoder.decode(rsaEncryption).ok()).isTrue();
		assertThat(this.decoder.decode(fullOid).ok()).isTrue();
	}

	@Test
	void whenSignerCertificateIsNotValidAtSigningTimeThenSignatureStillVerifies() throws Exception {
		KeyPair keys = TestPki.rsa(2048);
		X500Name name = new X500Name("CN=expired");
		Instant past = Instant.now().minus(Duration.ofDays(30));
		X509Certificate expired = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
				BigInteger.TWO, Date.from(past), Date.from(past.plus(Duration.ofDays(1))), name, keys.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
		TestClient stale = new TestClient(keys, expired, TestPki.csr(keys, "CN=expired", "x"));
		PkiRequest request = this.decoder
			.decode(stale.pkcsReq(pki, "tx-1", ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC, "SHA-256"));
		assertThat(request.ok()).isTrue();
	}

	@Test
	void whenBytesAreNotCmsThenMalformedMessageException() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.decoder.decode("not a pkiMessage".getBytes()));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.decoder.decode(new byte[0]));
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> this.decoder.decode(pki.caCertificate.getEncoded()));
	}

	@Test
	void whenSignerCertificateIsMissingThenMalformedMessageException() throws Exception {
		byte[] message = RawPkiMessage.signedBy(client)
			.content(envelope())
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.withoutCertificate()
			.build();
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.decoder.decode(message))
			.withMessageContaining("signer certificate");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void whenAScepAttributeIsMissingThenMalformedMessageException(int missing) throws Exception {
		Attribute[] all = RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ,
				ScepAttributes.newSenderNonce());
		Attribute[] some = Arrays.stream(all)
			.filter((attribute) -> attribute != all[missing])
			.toArray(Attribute[]::new);
		byte[] message = RawPkiMessage.signedBy(client).content(envelope()).attributes(some).build();
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.decoder.decode(message));
	}

	private static byte[] envelope() throws Exception {
		return RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
	}

	private static byte[] pkcsReqWith(byte[] envelope) throws Exception {
		return RawPkiMessage.signedBy(client)
			.content(envelope)
			.attributes(RawPkiMessage.requestAttributes("tx-1", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.build();
	}

	private static String signatureOid(byte[] message) throws Exception {
		return new CMSSignedData(message).getSignerInfos().getSigners().iterator().next().getEncryptionAlgOID();
	}

	static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException("not found");
	}

}
