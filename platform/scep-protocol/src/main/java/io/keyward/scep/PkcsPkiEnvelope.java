package io.keyward.scep;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * Opens the pkcsPKIEnvelope of a request. Clients differ on which published certificate
 * they encrypt to (micromdm encrypts to all of them; some address the CA instead of the
 * RA), so every KeyTransRecipientInfo is matched against every configured
 * {@link RecipientKey} by issuerAndSerialNumber or subjectKeyIdentifier
 * ({@link RecipientMatch}). Key transport is RSA PKCS#1 v1.5 or RSAES-OAEP
 * ({@link KeyTransport}); content encryption must be one of the decoder's accepted
 * ciphers.
 * <p>
 * Every decryption error (not addressed to us, wrong key, bad padding, bad OAEP, bad
 * content) is the same failure, badMessageCheck "pkcsPKIEnvelope cannot be decrypted",
 * reached through the same content decryption, so the answer tells an attacker nothing
 * about the key transport (RFC 3218 section 2.3.2). Only what anyone can read from the
 * envelope itself (not EnvelopedData, an algorithm not accepted) is answered otherwise.
 * <p>
 * An envelope addressed to none of the keys but to a {@link DelegatedRecipient}'s
 * certificate (the CA's) is handed over to it whole, after the same algorithm checks.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.2">RFC 8894 section
 * 3.2.2</a>
 */
public final class PkcsPkiEnvelope {

	public static final String UNDECRYPTABLE = "pkcsPKIEnvelope cannot be decrypted";

	/** Key and IV lengths by content cipher; IV lengths are the block sizes. */
	private static final Map<ASN1ObjectIdentifier, ContentCipher> CIPHERS = Map.of(CMSAlgorithm.AES128_CBC,
			new ContentCipher("AES/CBC/PKCS5Padding", "AES", 16, 16), CMSAlgorithm.AES192_CBC,
			new ContentCipher("AES/CBC/PKCS5Padding", "AES", 24, 16), CMSAlgorithm.AES256_CBC,
			new ContentCipher("AES/CBC/PKCS5Padding", "AES", 32, 16), CMSAlgorithm.DES_EDE3_CBC,
			new ContentCipher("DESede/CBC/PKCS5Padding", "DESede", 24, 8), ScepAlgorithms.SINGLE_DES,
			new ContentCipher("DES/CBC/PKCS5Padding", "DES", 8, 8));

	private final List<RecipientMatch> recipients;

	private final Set<ASN1ObjectIdentifier> acceptedCiphers;

	private final DelegatedRecipient delegate;

	/**
	 * @param keys the keys held here
	 * @param acceptedCiphers content encryption algorithms to accept
	 * @param delegate certificates whose keys are held elsewhere, or null
	 */
	public PkcsPkiEnvelope(List<RecipientKey> keys, Set<ASN1ObjectIdentifier> acceptedCiphers,
			DelegatedRecipient delegate) {
		this.recipients = keys.stream().map(RecipientMatch::of).toList();
		this.acceptedCiphers = Set.copyOf(acceptedCiphers);
		this.delegate = delegate;
	}

	/**
	 * @param envelope a DER pkcsPKIEnvelope
	 * @return the {@link DelegatedRecipient} certificate it is addressed to when it is
	 * addressed to none of the keys held here
	 */
	public Optional<X509Certificate> delegatedRecipient(byte[] envelope) {
		try {
			List<KeyTransRecipientInfo> keyTransports = parse(envelope).keyTransports();
			if (this.delegate == null || keyTransports.stream()
				.anyMatch((keyTrans) -> this.recipients.stream()
					.anyMatch((recipient) -> recipient.matches(keyTrans.getRecipientIdentifier())))) {
				return Optional.empty();
			}
			return delegatedMatch(keyTransports).map((match) -> match.certificate());
		}
		catch (EnvelopeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param envelope a DER pkcsPKIEnvelope
	 * @return its content
	 * @throws EnvelopeException badAlg for an algorithm not accepted, badMessageCheck for
	 * everything else
	 */
	public Opened open(byte[] envelope) throws EnvelopeException {
		Parsed parsed = parse(envelope);
		EncryptedContentInfo content = parsed.content();
		List<KeyTransRecipientInfo> keyTransports = parsed.keyTransports();
		ASN1ObjectIdentifier cipher = content.getContentEncryptionAlgorithm().getAlgorithm();
		if (!this.acceptedCiphers.contains(cipher) || !CIPHERS.containsKey(cipher)) {
			throw new EnvelopeException(FailInfo.BAD_ALG, "content encryption algorithm " + cipher + " not accepted");
		}
		for (KeyTransRecipientInfo keyTrans : keyTransports) {
			for (RecipientMatch recipient : this.recipients) {
				if (recipient.matches(keyTrans.getRecipientIdentifier())) {
					AlgorithmIdentifier transport = supportedTransport(keyTrans);
					byte[] contentKey = KeyTransport.contentKey(transport, recipient.key().privateKey(),
							keyTrans.getEncryptedKey().getOctets(), CIPHERS.get(cipher).keyLength());
					return new Opened(cipher, transport.getAlgorithm(), decrypt(content, contentKey));
				}
			}
		}
		if (this.delegate != null) {
			for (KeyTransRecipientInfo keyTrans : keyTransports) {
				Optional<RecipientMatch> delegated = delegatedMatch(List.of(keyTrans));
				if (delegated.isPresent()) {
					supportedTransport(keyTrans);
					return this.delegate.open(envelope, delegated.get().certificate());
				}
			}
		}
		throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, UNDECRYPTABLE);
	}

	private Optional<RecipientMatch> delegatedMatch(List<KeyTransRecipientInfo> keyTransports) {
		List<RecipientMatch> delegated = this.delegate.certificates().stream().map(RecipientMatch::of).toList();
		for (KeyTransRecipientInfo keyTrans : keyTransports) {
			for (RecipientMatch match : delegated) {
				if (match.matches(keyTrans.getRecipientIdentifier())) {
					return Optional.of(match);
				}
			}
		}
		return Optional.empty();
	}

	private static AlgorithmIdentifier supportedTransport(KeyTransRecipientInfo keyTrans) throws EnvelopeException {
		AlgorithmIdentifier transport = keyTrans.getKeyEncryptionAlgorithm();
		if (!KeyTransport.isSupported(transport)) {
			throw new EnvelopeException(FailInfo.BAD_ALG,
					"key transport " + transport.getAlgorithm() + " not accepted");
		}
		return transport;
	}

	private static Parsed parse(byte[] envelope) throws EnvelopeException {
		EncryptedContentInfo content;
		List<KeyTransRecipientInfo> keyTransports = new ArrayList<>();
		try {
			ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(envelope));
			if (!CMSObjectIdentifiers.envelopedData.equals(contentInfo.getContentType())) {
				throw new IllegalArgumentException("not EnvelopedData");
			}
			EnvelopedData enveloped = EnvelopedData.getInstance(contentInfo.getContent());
			content = enveloped.getEncryptedContentInfo();
			content.getContentEncryptionAlgorithm().getAlgorithm();
			for (ASN1Encodable recipient : enveloped.getRecipientInfos()) {
				if (RecipientInfo.getInstance(recipient).getInfo() instanceof KeyTransRecipientInfo keyTrans) {
					keyTrans.getRecipientIdentifier().getId();
					keyTransports.add(keyTrans);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, "pkcsPKIEnvelope is not CMS EnvelopedData");
		}
		return new Parsed(content, keyTransports);
	}

	private static byte[] decrypt(EncryptedContentInfo content, byte[] contentKey) throws EnvelopeException {
		ContentCipher cipher = CIPHERS.get(content.getContentEncryptionAlgorithm().getAlgorithm());
		try {
			byte[] iv = ASN1OctetString.getInstance(content.getContentEncryptionAlgorithm().getParameters())
				.getOctets();
			ASN1OctetString encrypted = content.getEncryptedContent();
			if (iv.length != cipher.ivLength() || encrypted == null) {
				throw new GeneralSecurityException("bad IV or no encrypted content");
			}
			Cipher decryptor = Cipher.getInstance(cipher.transformation());
			decryptor.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, cipher.keyAlgorithm()),
					new IvParameterSpec(iv));
			byte[] messageData = decryptor.doFinal(encrypted.getOctets());
			// every messageData (PKCS#10, IssuerAndSubject, IssuerAndSerialNumber) is one
			// SEQUENCE: a random key's garbage, which passes the CBC padding check one
			// time
			// in 256, ends here with the same answer as a key that failed
			if (!(ASN1Primitive.fromByteArray(messageData) instanceof ASN1Sequence)) {
				throw new GeneralSecurityException("messageData is not a SEQUENCE");
			}
			return messageData;
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			throw new EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, UNDECRYPTABLE);
		}
	}

	private record Parsed(EncryptedContentInfo content, List<KeyTransRecipientInfo> keyTransports) {
	}

	private record ContentCipher(String transformation, String keyAlgorithm, int keyLength, int ivLength) {
	}

	/**
	 * A decrypted envelope.
	 *
	 * @param cipher the content encryption algorithm the client chose
	 * @param keyTransport the key transport algorithm the client chose
	 * @param messageData the decrypted messageData
	 */
	public record Opened(ASN1ObjectIdentifier cipher, ASN1ObjectIdentifier keyTransport, byte[] messageData) {
	}

	/** The envelope cannot be opened; carries the failInfo to answer with. */
	public static final class EnvelopeException extends Exception {

		private static final long serialVersionUID = 1L;

		private final FailInfo failInfo;

		public EnvelopeException(FailInfo failInfo, String message) {
			super(message);
			this.failInfo = failInfo;
		}

		public FailInfo failInfo() {
			return this.failInfo;
		}

	}

}
