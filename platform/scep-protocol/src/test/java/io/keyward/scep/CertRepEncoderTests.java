package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.keyward.scep.PkcsReqFixture.client;
import static io.keyward.scep.PkcsReqFixture.pki;
import static org.assertj.core.api.Assertions.assertThat;

class CertRepEncoderTests {

	private final PkiMessageDecoder decoder = PkcsReqFixture.decoder();

	@ParameterizedTest
	@MethodSource("io.keyward.scep.PkcsReqFixture#cipherAndDigest")
	void whenSuccessThenClientReadsTheIssuedCertificateWithMirroredAlgorithms(ASN1ObjectIdentifier cipher,
			String digest, ASN1ObjectIdentifier digestOid) throws Exception {
		byte[] nonce = ScepAttributes.newSenderNonce();
		PkiRequest request = this.decoder.decode(client.pkcsReq(pki, "tx-42", nonce, cipher, digest));
		X509Certificate issued = pki.issue(CertificationRequest.parse(request.messageData()).pkcs10());
		byte[] der = pki.encoder().encode(CertRep.success(request, List.of(issued, pki.caCertificate)));

		CertRepResponse response = CertRepReader.read(der, pki.raSigningCertificate, client.keys().getPrivate());
		assertThat(response.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(response.failInfo()).isNull();
		assertThat(response.transactionId()).isEqualTo("tx-42");
		assertThat(response.recipientNonce()).isEqualTo(nonce);
		assertThat(response.senderNonce()).hasSize(16).isNotEqualTo(nonce);
		assertThat(response.certificates()).containsExactly(issued, pki.caCertificate);
		SignerInformation signer = signer(der);
		assertThat(signer.getDigestAlgOID()).isEqualTo(digestOid.getId());
		assertThat(new CMSEnvelopedData(PkiMessage.parse(der).content().orElseThrow()).getEncryptionAlgOID())
			.isEqualTo(cipher.getId());
	}

	@Test
	void whenSuccessThenCertificateOrderIsKeptWhateverDerSortingWouldDo() throws Exception {
		PkiRequest request = request();
		X509Certificate issued = pki.issue(client.csr());
		for (List<X509Certificate> order : List.of(List.of(issued, pki.caCertificate),
				List.of(pki.caCertificate, issued))) {
			byte[] der = pki.encoder().encode(CertRep.success(request, order));
			assertThat(CertRepReader.read(der, pki.raSigningCertificate, client.keys().getPrivate()).certificates())
				.containsExactlyElementsOf(order);
		}
	}

	@Test
	void whenSuccessThenRaSigningCertificateIsInCertificates() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.success(request(), List.of(pki.issue(client.csr()))));
		assertThat(new CMSSignedData(der).getCertificates().getMatches(null))
			.contains(new JcaX509CertificateHolder(pki.raSigningCertificate));
	}

	@Test
	void whenFailureThenFailInfoAndStatusAreSignedAndThereIsNoEnvelope() throws Exception {
		PkiRequest request = request();
		byte[] der = pki.encoder().encode(CertRep.failure(request, FailInfo.BAD_REQUEST, "challenge expired"));
		CertRepResponse response = CertRepReader.read(der, pki.raSigningCertificate, client.keys().getPrivate());
		assertThat(response.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(response.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(response.failInfoText()).isEqualTo("challenge expired");
		assertThat(response.recipientNonce()).isEqualTo(request.senderNonce());
		assertThat(response.certificates()).isEmpty();
		assertThat(PkiMessage.parse(der).content()).isEmpty();
		assertThat(new CMSSignedData(der).getSignedContent()).isNull();
	}

	@Test
	void whenOmittedEnvelopeIsEmptyOctetStringThenFailureCarriesEmptyContentAndStillReads() throws Exception {
		CertRepEncoder encoder = new CertRepEncoder(pki.raSigningCertificate, pki.raSigningKeys.getPrivate(),
				CertRepEncoder.OmittedEnvelope.EMPTY_OCTET_STRING);
		byte[] der = encoder.encode(CertRep.failure(request(), FailInfo.BAD_REQUEST, null));
		assertThat((byte[]) new CMSSignedData(der).getSignedContent().getContent()).isEmpty();
		assertThat(CertRepReader.read(der, pki.raSigningCertificate, client.keys().getPrivate()).failInfo())
			.isEqualTo(FailInfo.BAD_REQUEST);
	}

	@Test
	void whenPendingThenStatusIsPendingAndThereIsNoEnvelope() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.pending(request()));
		CertRepResponse response = CertRepReader.read(der, pki.raSigningCertificate, client.keys().getPrivate());
		assertThat(response.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(response.failInfo()).isNull();
		assertThat(PkiMessage.parse(der).content()).isEmpty();
	}

	@Test
	void whenEncodedThenScepAttributesArePrintableStringsAndNoncesOctetStrings() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.failure(request(), FailInfo.BAD_ALG, null));
		AttributeTable attributes = signer(der).getSignedAttributes();
		for (ASN1ObjectIdentifier type : List.of(ScepObjectIdentifiers.TRANSACTION_ID,
				ScepObjectIdentifiers.MESSAGE_TYPE, ScepObjectIdentifiers.PKI_STATUS,
				ScepObjectIdentifiers.FAIL_INFO)) {
			assertThat(value(attributes, type)).isInstanceOf(DERPrintableString.class);
		}
		assertThat(value(attributes, ScepObjectIdentifiers.MESSAGE_TYPE)).hasToString("3");
		assertThat(value(attributes, ScepObjectIdentifiers.PKI_STATUS)).hasToString("2");
		assertThat(value(attributes, ScepObjectIdentifiers.FAIL_INFO)).hasToString("0");
		assertThat(value(attributes, ScepObjectIdentifiers.SENDER_NONCE)).isInstanceOf(ASN1OctetString.class);
		assertThat(value(attributes, ScepObjectIdentifiers.RECIPIENT_NONCE)).isInstanceOf(ASN1OctetString.class);
		assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
		assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
		assertThat(attributes.get(ScepObjectIdentifiers.FAIL_INFO_TEXT)).isNull();
	}

	@Test
	void whenTwoRepliesAreEncodedThenSenderNoncesAreFreshEachTime() throws Exception {
		PkiRequest request = request();
		byte[] first = pki.encoder().encode(CertRep.pending(request));
		byte[] second = pki.encoder().encode(CertRep.pending(request));
		assertThat(PkiMessage.parse(first).senderNonce().orElseThrow()).hasSize(16)
			.isNotEqualTo(PkiMessage.parse(second).senderNonce().orElseThrow())
			.isNotEqualTo(request.senderNonce());
	}

	@Test
	void whenRequestAlgorithmsAreNotMirroredThenReplyUsesSha256AndAes128() throws Exception {
		PkiRequest request = request();
		PkiRequest unusual = new PkiRequest(request.messageType(), request.messageTypeCode(), request.transactionId(),
				request.senderNonce(), request.signerCertificate(), NISTObjectIdentifiers.id_sha224,
				new ASN1ObjectIdentifier("1.2.840.113549.3.2"), request.messageData(), null, null,
				request.keyTransportAlgorithm(), request.signatureAlgorithm());
		byte[] der = pki.encoder().encode(CertRep.success(unusual, List.of(pki.issue(client.csr()))));
		assertThat(signer(der).getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
		assertThat(new CMSEnvelopedData(PkiMessage.parse(der).content().orElseThrow()).getEncryptionAlgOID())
			.isEqualTo(CMSAlgorithm.AES128_CBC.getId());
	}

	@Test
	void whenTheRequestUsedSingleDesThenTheReplyIsTripleDesNeverSingleDes() throws Exception {
		PkiRequest request = request();
		PkiRequest legacy = new PkiRequest(request.messageType(), request.messageTypeCode(), request.transactionId(),
				request.senderNonce(), request.signerCertificate(), request.digestAlgorithm(),
				ScepAlgorithms.SINGLE_DES, request.messageData(), null, null, request.keyTransportAlgorithm(),
				request.signatureAlgorithm());
		byte[] der = pki.encoder().encode(CertRep.success(legacy, List.of(pki.issue(client.csr()))));
		assertThat(new CMSEnvelopedData(PkiMessage.parse(der).content().orElseThrow()).getEncryptionAlgOID())
			.isEqualTo(CMSAlgorithm.DES_EDE3_CBC.getId());
	}

	@Test
	void whenSuccessThenEnvelopeIsAddressedToTheRequestSigner() throws Exception {
		byte[] der = pki.encoder().encode(CertRep.success(request(), List.of(pki.issue(client.csr()))));
		CMSEnvelopedData envelope = new CMSEnvelopedData(PkiMessage.parse(der).content().orElseThrow());
		X509CertificateHolder signer = new JcaX509CertificateHolder(client.signer());
		assertThat(envelope.getRecipientInfos().getRecipients())
			.allSatisfy((recipient) -> assertThat(recipient.getRID().match(signer)).isTrue());
	}

	private PkiRequest request() throws Exception {
		return this.decoder.decode(PkcsReqFixture.pkcsReq("tx-1"));
	}

	private static SignerInformation signer(byte[] der) throws Exception {
		return new CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
	}

	private static ASN1Encodable value(AttributeTable attributes, ASN1ObjectIdentifier type) {
		return attributes.get(type).getAttrValues().getObjectAt(0);
	}

}
