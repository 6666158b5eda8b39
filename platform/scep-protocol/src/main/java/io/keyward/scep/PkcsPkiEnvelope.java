package io.keyward.scep;

import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * Opens the pkcsPKIEnvelope of a request. Clients differ on which published certificate
 * they encrypt to (micromdm encrypts to all of them; some address the CA instead of the
 * RA), so every KeyTransRecipientInfo is matched against every configured
 * {@link RecipientKey} by issuer+serial or subjectKeyIdentifier. Key transport may be RSA
 * PKCS#1 v1.5 (Intune, Jamf) or RSAES-OAEP; content encryption must be one of the
 * decoder's accepted ciphers ({@link ScepAlgorithms#CONTENT_CIPHERS} by default).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.2">RFC 8894 section
 * 3.2.2</a>
 */
final class PkcsPkiEnvelope {

	private final List<Candidate> candidates;

	private final Set<ASN1ObjectIdentifier> acceptedCiphers;

	PkcsPkiEnvelope(List<RecipientKey> keys, Set<ASN1ObjectIdentifier> acceptedCiphers) {
		this.candidates = keys.stream().map(Candidate::of).toList();
		this.acceptedCiphers = Set.copyOf(acceptedCiphers);
	}

	Opened open(byte[] envelope) throws EnvelopeException {
		CMSEnvelopedData envelopedData;
		try {
			envelopedData = new CMSEnvelopedData(envelope);
		}
		catch (CMSException | RuntimeException ex) {
			throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, "pkcsPKIEnvelope is not CMS EnvelopedData");
		}
		ASN1ObjectIdentifier cipher = envelopedData.getContentEncryptionAlgorithm().getAlgorithm();
		if (!this.acceptedCiphers.contains(cipher)) {
			throw new EnvelopeException(FailInfo.BAD_ALG, "content encryption algorithm " + cipher + " not accepted");
		}
		for (RecipientInformation recipient : envelopedData.getRecipientInfos().getRecipients()) {
			for (Candidate candidate : this.candidates) {
				if (recipient.getRID() instanceof KeyTransRecipientId id && id.match(candidate.holder())) {
					return new Opened(cipher, decrypt(recipient, candidate.key()));
				}
			}
		}
		throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, "pkcsPKIEnvelope is not addressed to any RA key");
	}

	private static byte[] decrypt(RecipientInformation recipient, RecipientKey key) throws EnvelopeException {
		try {
			// JDK providers for the RSA unwrap (faster, and the key may live in a JDK
			// keystore); Bouncy Castle only when the JDK lacks the padding (some OAEP
			// parameter sets).
			return recipient.getContent(new JceKeyTransEnvelopedRecipient(key.privateKey()));
		}
		catch (CMSException | RuntimeException jdkFailure) {
			try {
				return recipient
					.getContent(new JceKeyTransEnvelopedRecipient(key.privateKey()).setProvider(BouncyCastle.PROVIDER));
			}
			catch (CMSException | RuntimeException ex) {
				throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, "pkcsPKIEnvelope cannot be decrypted");
			}
		}
	}

	/** A configured key with its certificate in the form RecipientIds match against. */
	private record Candidate(X509CertificateHolder holder, RecipientKey key) {

		static Candidate of(RecipientKey key) {
			try {
				return new Candidate(new JcaX509CertificateHolder(key.certificate()), key);
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalArgumentException("recipient certificate cannot be encoded", ex);
			}
		}

	}

	/**
	 * A decrypted envelope.
	 *
	 * @param cipher the content encryption algorithm the client chose
	 * @param messageData the decrypted messageData
	 */
	record Opened(ASN1ObjectIdentifier cipher, byte[] messageData) {
	}

	/** The envelope cannot be opened; carries the failInfo to answer with. */
	static final class EnvelopeException extends Exception {

		private static final long serialVersionUID = 1L;

		private final FailInfo failInfo;

		EnvelopeException(FailInfo failInfo, String message) {
			super(message);
			this.failInfo = failInfo;
		}

		FailInfo failInfo() {
			return this.failInfo;
		}

	}

}
