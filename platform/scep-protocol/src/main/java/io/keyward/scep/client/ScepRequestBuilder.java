package io.keyward.scep.client;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import io.keyward.scep.MessageType;
import io.keyward.scep.ScepAttributes;
import io.keyward.scep.ScepObjectIdentifiers;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Client side: builds a request pkiMessage the way RFC 8894 clients do. The messageData
 * is enveloped to the RA encryption certificate (section 3.2.2), then signed with the
 * client's signer certificate (self-signed for PKCSReq, section 2.3) carrying
 * transactionID, messageType and senderNonce (section 3.2.1). Used by tests and the load
 * generator.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1">RFC 8894 section
 * 3.3.1</a>
 */
public final class ScepRequestBuilder {

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScepRequestBuilder() {
	}

	/**
	 * Builds a PKCSReq or RenewalReq.
	 * @param type the message type
	 * @param csr the PKCS#10 messageData
	 * @param signerCert the self-signed (PKCSReq) or existing (RenewalReq) certificate
	 * @param signerKey its private key
	 * @param recipient the RA encryption certificate
	 * @param transactionId the transactionID
	 * @param senderNonce a fresh 16-byte nonce
	 * @param cipher {@code CMSAlgorithm.AES128_CBC}, {@code DES_EDE3_CBC}, ...
	 * @param digest a JCA digest name such as {@code SHA-256}
	 * @return the DER pkiMessage
	 */
	public static byte[] pkiMessage(MessageType type, PKCS10CertificationRequest csr, X509Certificate signerCert,
			PrivateKey signerKey, X509Certificate recipient, String transactionId, byte[] senderNonce,
			ASN1ObjectIdentifier cipher, String digest) {
		try {
			return pkiMessage(type, csr.getEncoded(), signerCert, signerKey, recipient, transactionId, senderNonce,
					cipher, digest);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode PKCS#10", ex);
		}
	}

	/**
	 * Builds any request type from its messageData (PKCS#10, IssuerAndSubject or
	 * IssuerAndSerialNumber).
	 * @param type the message type
	 * @param messageData the DER messageData
	 * @param signerCert the signer certificate
	 * @param signerKey its private key
	 * @param recipient the RA encryption certificate
	 * @param transactionId the transactionID
	 * @param senderNonce a fresh 16-byte nonce
	 * @param cipher the content encryption algorithm
	 * @param digest a JCA digest name such as {@code SHA-256}
	 * @return the DER pkiMessage
	 */
	public static byte[] pkiMessage(MessageType type, byte[] messageData, X509Certificate signerCert,
			PrivateKey signerKey, X509Certificate recipient, String transactionId, byte[] senderNonce,
			ASN1ObjectIdentifier cipher, String digest) {
		try {
			CMSEnvelopedDataGenerator envelopeGenerator = new CMSEnvelopedDataGenerator();
			envelopeGenerator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
			byte[] envelope = envelopeGenerator
				.generate(new CMSProcessableByteArray(messageData), new JceCMSContentEncryptorBuilder(cipher).build())
				.getEncoded();
			ASN1EncodableVector attributes = new ASN1EncodableVector();
			attributes.add(ScepAttributes.printable(ScepObjectIdentifiers.TRANSACTION_ID, transactionId));
			attributes.add(ScepAttributes.printable(ScepObjectIdentifiers.MESSAGE_TYPE, Integer.toString(type.code())));
			attributes.add(ScepAttributes.octets(ScepObjectIdentifiers.SENDER_NONCE, senderNonce));
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(
					new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
						.setSignedAttributeGenerator(
								new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
						.build(new JcaContentSignerBuilder(signatureAlgorithm(digest, signerKey)).build(signerKey),
								signerCert));
			generator.addCertificate(new JcaX509CertificateHolder(signerCert));
			return generator.generate(new CMSProcessableByteArray(envelope), true).getEncoded(ASN1Encoding.DL);
		}
		catch (CMSException | OperatorCreationException | CertificateEncodingException | IOException ex) {
			throw new IllegalStateException("cannot build pkiMessage", ex);
		}
	}

	/**
	 * Builds a CertPoll (RFC 8894 section 3.3.3) for a PKCSReq that was answered PENDING:
	 * same transactionID, signed with the same key, a fresh senderNonce.
	 * @param issuer the CA's name
	 * @param subject the subject of the pending request
	 * @param signerCert the signer certificate of the PKCSReq
	 * @param signerKey its private key
	 * @param recipient the RA encryption certificate
	 * @param transactionId the PKCSReq's transactionID
	 * @param senderNonce a fresh 16-byte nonce
	 * @param cipher the content encryption algorithm
	 * @param digest a JCA digest name such as {@code SHA-256}
	 * @return the DER pkiMessage
	 */
	public static byte[] certPoll(X500Name issuer, X500Name subject, X509Certificate signerCert, PrivateKey signerKey,
			X509Certificate recipient, String transactionId, byte[] senderNonce, ASN1ObjectIdentifier cipher,
			String digest) {
		return pkiMessage(MessageType.CERT_POLL, issuerAndSubject(issuer, subject), signerCert, signerKey, recipient,
				transactionId, senderNonce, cipher, digest);
	}

	/**
	 * The messageData of a CertPoll (RFC 8894 section 3.3.3): {@code IssuerAndSubject ::=
	 * SEQUENCE { issuer Name, subject Name }}.
	 * @param issuer the CA's name
	 * @param subject the requested subject
	 * @return the DER encoding
	 */
	public static byte[] issuerAndSubject(X500Name issuer, X500Name subject) {
		try {
			return new DERSequence(new ASN1Encodable[] { issuer, subject }).getEncoded(ASN1Encoding.DER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode IssuerAndSubject", ex);
		}
	}

	/**
	 * A self-signed signer certificate for initial enrolment: keyUsage digitalSignature
	 * and keyEncipherment, same key as the CSR (section 2.3).
	 * @param keys the client key pair
	 * @param subject the subject (the CSR's, or anything: Apple uses a random UUID)
	 * @return the certificate
	 */
	public static X509Certificate selfSignedSigner(KeyPair keys, X500Name subject) {
		Instant now = Instant.now();
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(Duration.ofDays(7))), subject, keys.getPublic());
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
				.getCertificate(
						builder.build(new JcaContentSignerBuilder(signatureAlgorithm("SHA-256", keys.getPrivate()))
							.build(keys.getPrivate())));
		}
		catch (CertIOException | OperatorCreationException | CertificateException ex) {
			throw new IllegalStateException("cannot create self-signed signer certificate", ex);
		}
	}

	private static String signatureAlgorithm(String digest, PrivateKey key) {
		String digestName = digest.replace("-", "").toUpperCase(Locale.ROOT);
		return switch (key.getAlgorithm()) {
			case "EC", "ECDSA" -> digestName + "withECDSA";
			default -> digestName + "with" + key.getAlgorithm();
		};
	}

}
