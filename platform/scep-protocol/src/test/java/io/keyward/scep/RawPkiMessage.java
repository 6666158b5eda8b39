package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.OAEPParameterSpec;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds pkiMessages the production client never would: odd attribute types, several
 * recipients, OAEP, weak ciphers, no signer certificate, BER encoding, rsaEncryption as
 * the SignerInfo signature algorithm.
 */
final class RawPkiMessage {

	private final TestClient signer;

	private byte[] content;

	private final List<Attribute> attributes = new ArrayList<>();

	private String signatureAlgorithm = "SHA256withRSA";

	private boolean includeCertificate = true;

	private boolean rsaEncryptionOid;

	private String encoding = ASN1Encoding.DL;

	private RawPkiMessage(TestClient signer) {
		this.signer = signer;
	}

	static RawPkiMessage signedBy(TestClient signer) {
		return new RawPkiMessage(signer);
	}

	static Attribute[] requestAttributes(String transactionId, MessageType type, byte[] senderNonce) {
		return new Attribute[] { ScepAttributes.printable(ScepObjectIdentifiers.TRANSACTION_ID, transactionId),
				ScepAttributes.printable(ScepObjectIdentifiers.MESSAGE_TYPE, Integer.toString(type.code())),
				ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, senderNonce) };
	}

	static byte[] envelope(byte[] data, ASN1ObjectIdentifier cipher, RecipientInfoGenerator... recipients)
			throws Exception {
		CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
		for (RecipientInfoGenerator recipient : recipients) {
			generator.addRecipientInfoGenerator(recipient);
		}
		return generator.generate(new CMSProcessableByteArray(data), new JceCMSContentEncryptorBuilder(cipher).build())
			.getEncoded();
	}

	static RecipientInfoGenerator pkcs1(X509Certificate recipient) throws Exception {
		return new JceKeyTransRecipientInfoGenerator(recipient);
	}

	static RecipientInfoGenerator oaep(X509Certificate recipient) throws Exception {
		return new JceKeyTransRecipientInfoGenerator(recipient, new JcaAlgorithmParametersConverter()
			.getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEPParameterSpec.DEFAULT));
	}

	RawPkiMessage content(byte[] content) {
		this.content = content;
		return this;
	}

	RawPkiMessage attributes(Attribute... attributes) {
		this.attributes.addAll(List.of(attributes));
		return this;
	}

	RawPkiMessage signatureAlgorithm(String signatureAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
		return this;
	}

	RawPkiMessage withoutCertificate() {
		this.includeCertificate = false;
		return this;
	}

	RawPkiMessage rsaEncryptionSignatureOid() {
		this.rsaEncryptionOid = true;
		return this;
	}

	RawPkiMessage encoding(String encoding) {
		this.encoding = encoding;
		return this;
	}

	byte[] build() throws Exception {
		ASN1EncodableVector vector = new ASN1EncodableVector();
		this.attributes.forEach(vector::add);
		// older Windows and Cisco put rsaEncryption where the signature algorithm belongs
		JcaSignerInfoGeneratorBuilder signerInfo = this.rsaEncryptionOid
				? new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build(),
						(signatureAlgorithm) -> new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
								DERNull.INSTANCE))
				: new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
		CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
		generator.addSignerInfoGenerator(signerInfo
			.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(vector)))
			.build(new JcaContentSignerBuilder(this.signatureAlgorithm).build(this.signer.keys().getPrivate()),
					this.signer.signer()));
		if (this.includeCertificate) {
			generator.addCertificate(new JcaX509CertificateHolder(this.signer.signer()));
		}
		if (this.content == null) {
			return generator.generate(new CMSAbsentContent(), false).getEncoded(this.encoding);
		}
		return generator.generate(new CMSProcessableByteArray(this.content), true).getEncoded(this.encoding);
	}

}
