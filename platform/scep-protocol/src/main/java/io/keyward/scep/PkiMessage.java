package io.keyward.scep;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A parsed, not yet trusted pkiMessage: the outer SignedData, its first SignerInfo, the
 * signed attributes and the signer certificate when {@code certificates} carries it. Used
 * for requests (server side) and CertReps (client side). Parsing accepts BER
 * indefinite-length encodings (Apple) and never re-encodes before digesting.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2">RFC 8894 section
 * 3.2</a>
 */
public final class PkiMessage {

	private final SignerInformation signer;

	private final AttributeTable attributes;

	private final ASN1ObjectIdentifier digestAlgorithm;

	private final ASN1ObjectIdentifier signatureAlgorithm;

	private final Optional<X509Certificate> signerCertificate;

	private final Optional<byte[]> content;

	private PkiMessage(CMSSignedData signedData, SignerInformation signer) {
		this.signer = signer;
		this.attributes = signer.getSignedAttributes();
		this.digestAlgorithm = signer.getDigestAlgorithmID().getAlgorithm();
		this.signatureAlgorithm = signer.toASN1Structure().getDigestEncryptionAlgorithm().getAlgorithm();
		this.signerCertificate = signerCertificate(signedData, signer);
		this.content = content(signedData);
	}

	/**
	 * Parses a ContentInfo holding SignedData with at least one signer, and reads
	 * everything the accessors return. Bouncy Castle builds its ASN.1 objects lazily and
	 * throws {@link IllegalArgumentException} or {@link IllegalStateException} from
	 * getters such as {@code getSignedAttributes()} when a structure is malformed, so
	 * every read happens here, under one guard, and the accessors only hand out what was
	 * read.
	 * @param der the message (DER or BER)
	 * @return the message
	 * @throws MalformedMessageException when the bytes are not such a SignedData
	 */
	public static PkiMessage parse(byte[] der) throws MalformedMessageException {
		if (der == null || der.length == 0) {
			throw new MalformedMessageException("empty pkiMessage");
		}
		CMSSignedData signedData;
		try {
			signedData = new CMSSignedData(der);
		}
		catch (CMSException | RuntimeException ex) {
			throw new MalformedMessageException("pkiMessage is not a CMS SignedData", ex);
		}
		try {
			Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
			if (signers.isEmpty()) {
				throw new MalformedMessageException("pkiMessage has no SignerInfo");
			}
			SignerInformation signer = signers.iterator().next();
			if (signer.getSignedAttributes() == null) {
				throw new MalformedMessageException("pkiMessage has no signed attributes");
			}
			return new PkiMessage(signedData, signer);
		}
		catch (RuntimeException ex) {
			throw new MalformedMessageException("pkiMessage SignedData is malformed", ex);
		}
	}

	/**
	 * The certificate in {@code certificates} that matches the SignerInfo's sid (section
	 * 2.3: a request MUST carry it).
	 * @return the signer certificate, or empty when absent or unreadable
	 */
	public Optional<X509Certificate> signerCertificate() {
		return this.signerCertificate;
	}

	@SuppressWarnings("unchecked")
	private static Optional<X509Certificate> signerCertificate(CMSSignedData signedData, SignerInformation signer) {
		Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches(signer.getSID());
		for (X509CertificateHolder holder : matches) {
			try {
				return Optional.of(uncached(holder.getEncoded()));
			}
			catch (CertificateException | IOException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/**
	 * The signer certificate as the JDK's own certificate class, without adding it to the
	 * JDK's cache of the last 750 certificates it parsed: a device's self-signed
	 * certificate is read once, and that cache kept it alive through two or three young
	 * collections (service-edge's {@code io.keyward.edge.pem.Certificates} says more;
	 * this module depends on no Keyward module).
	 */
	private static X509Certificate uncached(byte[] encoded) throws CertificateException {
		Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(encoded));
		if (read.size() != 1 || !(read.iterator().next() instanceof X509Certificate certificate)) {
			throw new CertificateException("expected one X.509 certificate, read " + read.size());
		}
		return certificate;
	}

	/**
	 * Verifies the signature with a public key rather than a certificate, so that BC does
	 * not reject a fresh self-signed certificate as "not valid at signingTime" (clock
	 * skew); validity is the caller's policy. Accepts rsaEncryption as the signature
	 * algorithm (older Windows and Cisco).
	 * @param key the signer's public key
	 * @return whether the signature and the messageDigest attribute verify
	 */
	public boolean signatureVerifies(PublicKey key) {
		if (JdkFirst.verifies(this.signer, key)) {
			return true;
		}
		try {
			return this.signer
				.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(key));
		}
		catch (CMSException | OperatorCreationException | RuntimeException ex) {
			return false;
		}
	}

	public AttributeTable attributes() {
		return this.attributes;
	}

	public ASN1ObjectIdentifier digestAlgorithm() {
		return this.digestAlgorithm;
	}

	/**
	 * @return the SignerInfo signature algorithm, for example sha256WithRSAEncryption or
	 * rsaEncryption (older Windows and Cisco)
	 */
	public ASN1ObjectIdentifier signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	public Optional<String> transactionId() {
		return ScepAttributes.string(this.attributes, ScepObjectIdentifiers.TRANSACTION_ID);
	}

	public Optional<String> messageTypeText() {
		return ScepAttributes.string(this.attributes, ScepObjectIdentifiers.MESSAGE_TYPE);
	}

	public Optional<byte[]> senderNonce() {
		return ScepAttributes.octets(this.attributes, ScepObjectIdentifiers.SENDER_NONCE);
	}

	public Optional<byte[]> recipientNonce() {
		return ScepAttributes.octets(this.attributes, ScepObjectIdentifiers.RECIPIENT_NONCE);
	}

	/**
	 * The encapsulated content, normally a pkcsPKIEnvelope. Absent, empty (micromdm) and
	 * non-OCTET-STRING (PKCS#7 v1.5 style) eContent are all tolerated.
	 * @return the content bytes, or empty when there is no content
	 */
	public Optional<byte[]> content() {
		return this.content.map(byte[]::clone);
	}

	private static Optional<byte[]> content(CMSSignedData signedData) {
		CMSTypedData content = signedData.getSignedContent();
		if (content == null) {
			return Optional.empty();
		}
		Object value = content.getContent();
		byte[] bytes;
		if (value instanceof byte[] octets) {
			bytes = octets;
		}
		else if (value instanceof ASN1Encodable encodable) {
			try {
				bytes = encodable.toASN1Primitive().getEncoded();
			}
			catch (IOException ex) {
				return Optional.empty();
			}
		}
		else {
			return Optional.empty();
		}
		return (bytes.length == 0) ? Optional.empty() : Optional.of(bytes);
	}

}
