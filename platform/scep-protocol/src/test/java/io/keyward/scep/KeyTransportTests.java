package io.keyward.scep;

import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Test;

import static io.keyward.scep.PkcsReqFixture.client;
import static io.keyward.scep.PkcsReqFixture.pki;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key transport of the pkcsPKIEnvelope: RSA PKCS#1 v1.5 and RSAES-OAEP, recipients named
 * by issuerAndSerialNumber or subjectKeyIdentifier, and one failure for every decryption
 * error.
 */
class KeyTransportTests {

	private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
			MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

	private final PkiMessageDecoder decoder = PkcsReqFixture.decoder();

	@Test
	void whenKeyTransportIsPkcs1ThenDecryptedAndRecorded() throws Exception {
		PkiRequest request = decode(RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
		assertThat(request.keyTransportAlgorithm()).isEqualTo(PKCSObjectIdentifiers.rsaEncryption);
	}

	@Test
	void whenKeyTransportIsOaepWithSha256ThenDecryptedAndRecorded() throws Exception {
		PkiRequest request = decode(
				new JceKeyTransRecipientInfoGenerator(pki.raEncryptionCertificate, new JcaAlgorithmParametersConverter()
					.getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEP_SHA256)));
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
		assertThat(request.keyTransportAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
	}

	@Test
	void whenKeyTransportIsOaepWithDefaultParametersThenDecrypted() throws Exception {
		assertThat(decode(RawPkiMessage.oaep(pki.raEncryptionCertificate)).ok()).isTrue();
	}

	@Test
	void whenRecipientIsNamedByComputedSubjectKeyIdentifierThenDecrypted() throws Exception {
		// the test RA certificate has no subjectKeyIdentifier extension: RFC 5280 method
		// 1
		byte[] ski = new BcX509ExtensionUtils()
			.createSubjectKeyIdentifier(
					new JcaX509CertificateHolder(pki.raEncryptionCertificate).getSubjectPublicKeyInfo())
			.getKeyIdentifier();
		assertThat(decode(new JceKeyTransRecipientInfoGenerator(ski, pki.raEncryptionCertificate.getPublicKey()))
			.messageData()).isEqualTo(client.csr().getEncoded());
	}

	@Test
	void whenRecipientIsNamedBySubjectKeyIdentifierExtensionThenDecrypted() throws Exception {
		RecipientKey fixture = Fixtures.recipientKey();
		byte[] ski = SubjectKeyIdentifier
			.fromExtensions(new JcaX509CertificateHolder(fixture.certificate()).getExtensions())
			.getKeyIdentifier();
		byte[] envelope = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				new JceKeyTransRecipientInfoGenerator(ski, fixture.certificate().getPublicKey()));
		PkiRequest request = new PkiMessageDecoder(List.of(fixture)).decode(signed(envelope));
		assertThat(request.messageData()).isEqualTo(client.csr().getEncoded());
	}

	@Test
	void whenEveryKindOfDecryptionErrorThenOneAndTheSameFailure() throws Exception {
		PublicKey otherKey = TestPki.rsa(2048).getPublic();
		byte[] ourSki = new BcX509ExtensionUtils()
			.createSubjectKeyIdentifier(
					new JcaX509CertificateHolder(pki.raEncryptionCertificate).getSubjectPublicKeyInfo())
			.getKeyIdentifier();
		byte[] good = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.pkcs1(pki.raEncryptionCertificate));
		byte[] goodOaep = RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.oaep(pki.raEncryptionCertificate));
		List<byte[]> broken = new ArrayList<>();
		// addressed to us, encrypted to another key (PKCS#1 v1.5 and OAEP)
		broken.add(RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				new JceKeyTransRecipientInfoGenerator(ourSki, otherKey)));
		broken.add(RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				new JceKeyTransRecipientInfoGenerator(ourSki, new JcaAlgorithmParametersConverter()
					.getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEPParameterSpec.DEFAULT),
						otherKey)));
		// bad padding: random encryptedKey, PKCS#1 v1.5 and OAEP
		broken.add(withEncryptedKey(good, new byte[256]));
		broken.add(withEncryptedKey(good, randomBytes(256)));
		broken.add(withEncryptedKey(goodOaep, randomBytes(256)));
		broken.add(withEncryptedKey(good, randomBytes(17)));
		// bad content: not a whole number of blocks, or nothing at all
		broken.add(withEncryptedContent(good, randomBytes(31)));
		broken.add(withEncryptedContent(good, new byte[0]));
		// not addressed to any key of ours
		broken.add(RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC,
				RawPkiMessage.pkcs1(TestPki.create().raEncryptionCertificate)));
		Set<String> answers = new java.util.HashSet<>();
		for (byte[] envelope : broken) {
			PkiRequest request = this.decoder.decode(signed(envelope));
			answers.add(request.failInfo() + " " + request.failureReason());
		}
		assertThat(answers).containsExactly(FailInfo.BAD_MESSAGE_CHECK + " pkcsPKIEnvelope cannot be decrypted");
	}

	private PkiRequest decode(RecipientInfoGenerator recipient) throws Exception {
		PkiRequest request = this.decoder
			.decode(signed(RawPkiMessage.envelope(client.csr().getEncoded(), CMSAlgorithm.AES128_CBC, recipient)));
		assertThat(request.failureReason()).isNull();
		return request;
	}

	private static byte[] signed(byte[] envelope) throws Exception {
		return RawPkiMessage.signedBy(client)
			.content(envelope)
			.attributes(RawPkiMessage.requestAttributes("tx-kt", MessageType.PKCS_REQ, ScepAttributes.newSenderNonce()))
			.build();
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static byte[] withEncryptedKey(byte[] envelope, byte[] encryptedKey) throws Exception {
		EnvelopedData data = envelopedData(envelope);
		ASN1EncodableVector recipients = new ASN1EncodableVector();
		for (int i = 0; i < data.getRecipientInfos().size(); i++) {
			KeyTransRecipientInfo info = (KeyTransRecipientInfo) RecipientInfo
				.getInstance(data.getRecipientInfos().getObjectAt(i))
				.getInfo();
			recipients.add(new RecipientInfo(new KeyTransRecipientInfo(info.getRecipientIdentifier(),
					info.getKeyEncryptionAlgorithm(), new DEROctetString(encryptedKey))));
		}
		return encode(new EnvelopedData(data.getOriginatorInfo(), new DERSet(recipients),
				data.getEncryptedContentInfo(), data.getUnprotectedAttrs()));
	}

	private static byte[] withEncryptedContent(byte[] envelope, byte[] encryptedContent) throws Exception {
		EnvelopedData data = envelopedData(envelope);
		EncryptedContentInfo content = data.getEncryptedContentInfo();
		AlgorithmIdentifier cipher = content.getContentEncryptionAlgorithm();
		return encode(new EnvelopedData(data.getOriginatorInfo(), data.getRecipientInfos(),
				new EncryptedContentInfo(content.getContentType(), cipher, new DEROctetString(encryptedContent)),
				data.getUnprotectedAttrs()));
	}

	private static EnvelopedData envelopedData(byte[] envelope) throws Exception {
		return EnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(envelope)).getContent());
	}

	private static byte[] encode(EnvelopedData data) throws Exception {
		return new ContentInfo(PKCSObjectIdentifiers.envelopedData, data).getEncoded(ASN1Encoding.DER);
	}

}
