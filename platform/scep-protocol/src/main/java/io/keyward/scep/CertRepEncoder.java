package io.keyward.scep;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds and signs CertReps with the RA signing key (or, for a client that encrypted to
 * the CA, the CA key in the ca-adapter, which gets the attributes and the envelope only).
 * Every reply is built from scratch: transactionID copied, recipientNonce = request
 * senderNonce, a fresh 16-byte senderNonce, messageType "3", pkiStatus and failInfo as
 * PrintableString, failInfoText as UTF8String, plus the CMS contentType and messageDigest
 * (Windows fails without them). The RA signing certificate goes in {@code certificates}
 * (sscep verifies with it).
 * <p>
 * SUCCESS carries the degenerate certificates-only SignedData ({@link CertificatesOnly})
 * enveloped to the request's signer certificate with the request's cipher (RSA PKCS#1
 * v1.5 key transport, which every client expects); FAILURE and PENDING omit the
 * pkcsPKIEnvelope (absent eContent, as the RFC says and jscep does).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2">RFC 8894 section
 * 3.3.2</a>
 */
public final class CertRepEncoder {

	private final X509Certificate raSigningCertificate;

	private final PrivateKey raSigningKey;

	private final OmittedEnvelope omittedEnvelope;

	/**
	 * The signing certificate parsed once: SignerInfo and {@code certificates} use it.
	 */
	private final X509CertificateHolder raSigningHolder;

	private final DigestCalculatorProvider digests;

	public CertRepEncoder(X509Certificate raSigningCertificate, PrivateKey raSigningKey) {
		this(raSigningCertificate, raSigningKey, OmittedEnvelope.ABSENT);
	}

	public CertRepEncoder(X509Certificate raSigningCertificate, PrivateKey raSigningKey,
			OmittedEnvelope omittedEnvelope) {
		this.raSigningCertificate = raSigningCertificate;
		this.raSigningKey = raSigningKey;
		this.omittedEnvelope = omittedEnvelope;
		try {
			this.raSigningHolder = new JcaX509CertificateHolder(raSigningCertificate);
			this.digests = new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (CertificateEncodingException | OperatorCreationException ex) {
			throw new IllegalArgumentException("RA signing certificate cannot be encoded", ex);
		}
	}

	public byte[] encode(CertRep certRep) {
		return encode(CertRepAttributes.of(certRep),
				(certRep.status() == PkiStatus.SUCCESS) ? envelope(certRep) : null);
	}

	/**
	 * Sign a CertRep whose pkcsPKIEnvelope was built elsewhere (the gateway builds it,
	 * the CA signs it: RFC 8894 section 2.2).
	 * @param certRep the signed attributes' values
	 * @param pkcsPkiEnvelope for SUCCESS the DER EnvelopedData ({@link #envelope}),
	 * otherwise null
	 * @return the DER CertRep
	 */
	public byte[] encode(CertRepAttributes certRep, byte[] pkcsPkiEnvelope) {
		if ((certRep.status() == PkiStatus.SUCCESS) != (pkcsPkiEnvelope != null)) {
			throw new IllegalArgumentException("a pkcsPKIEnvelope is required for SUCCESS and only for SUCCESS");
		}
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(this.digests)
				.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes(certRep)))
				.build(signer(certRep), this.raSigningHolder));
			generator.addCertificate(this.raSigningHolder);
			if (pkcsPkiEnvelope != null) {
				CMSTypedData envelope = new CMSProcessableByteArray(pkcsPkiEnvelope);
				return generator.generate(envelope, true).getEncoded(ASN1Encoding.DL);
			}
			if (this.omittedEnvelope == OmittedEnvelope.EMPTY_OCTET_STRING) {
				return generator.generate(new CMSProcessableByteArray(new byte[0]), true).getEncoded(ASN1Encoding.DL);
			}
			return generator.generate(new CMSAbsentContent(), false).getEncoded(ASN1Encoding.DL);
		}
		catch (CMSException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("cannot sign CertRep", ex);
		}
	}

	private ContentSigner signer(CertRepAttributes certRep) throws OperatorCreationException {
		ASN1ObjectIdentifier digest = ScepAlgorithms.replyDigest(certRep.digestAlgorithm());
		return new JcaContentSignerBuilder(ScepAlgorithms.signatureAlgorithm(digest, this.raSigningKey))
			.build(this.raSigningKey);
	}

	private static AttributeTable attributes(CertRepAttributes certRep) {
		ASN1EncodableVector attributes = new ASN1EncodableVector();
		attributes.add(ScepAttributes.printable(ScepObjectIdentifiers.TRANSACTION_ID, certRep.transactionId()));
		attributes.add(ScepAttributes.printable(ScepObjectIdentifiers.MESSAGE_TYPE,
				Integer.toString(MessageType.CERT_REP.code())));
		attributes
			.add(ScepAttributes.printable(ScepObjectIdentifiers.PKI_STATUS, Integer.toString(certRep.status().code())));
		if (certRep.failInfo() != null) {
			attributes.add(ScepAttributes.printable(ScepObjectIdentifiers.FAIL_INFO,
					Integer.toString(certRep.failInfo().code())));
			if (certRep.failInfoText() != null) {
				attributes.add(ScepAttributes.utf8(ScepObjectIdentifiers.FAIL_INFO_TEXT, certRep.failInfoText()));
			}
		}
		attributes.add(ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, ScepAttributes.newSenderNonce()));
		attributes.add(ScepAttributes.octets(ScepObjectIdentifiers.RECIPIENT_NONCE, certRep.recipientNonce()));
		return new AttributeTable(attributes);
	}

	/**
	 * The pkcsPKIEnvelope of a SUCCESS: the certificates (or CRL) as a degenerate
	 * SignedData, enveloped to the request's signer certificate (section 3.3.2.1).
	 * @param certRep a SUCCESS
	 * @return the DER EnvelopedData
	 */
	public static byte[] envelope(CertRep certRep) {
		try {
			CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
			generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(certRep.recipient()));
			ASN1ObjectIdentifier cipher = ScepAlgorithms.replyContentCipher(certRep.contentEncryptionAlgorithm());
			CMSEnvelopedData enveloped = generator.generate(
					new CMSProcessableByteArray(CertificatesOnly.encode(certRep.certificates(), certRep.crls())),
					new JceCMSContentEncryptorBuilder(cipher).build());
			return enveloped.toASN1Structure().getEncoded(ASN1Encoding.DL);
		}
		catch (CertificateEncodingException | CMSException | IOException ex) {
			throw new IllegalStateException("cannot envelope CertRep", ex);
		}
	}

	/**
	 * How a FAILURE or PENDING CertRep leaves out the pkcsPKIEnvelope (section 3.3.2.2).
	 */
	public enum OmittedEnvelope {

		/** No eContent at all (RFC form, jscep). */
		ABSENT,

		/**
		 * An empty OCTET STRING eContent (micromdm, step-ca); needed by clients that
		 * verify with OpenSSL {@code PKCS7_verify}, such as certmonger.
		 */
		EMPTY_OCTET_STRING

	}

}
