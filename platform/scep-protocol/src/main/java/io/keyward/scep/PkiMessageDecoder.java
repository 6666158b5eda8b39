package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Server side decode of a PKIOperation body: parse the SignedData, take the signer
 * certificate from {@code certificates} (section 2.3), read the signed attributes
 * leniently (section 3.2.1), verify the signature with the signer certificate's public
 * key, then open the pkcsPKIEnvelope (section 3.2.2) with whichever {@link RecipientKey}
 * the client addressed. A messageType the server does not serve is refused (badRequest)
 * as soon as the attributes a CertRep needs are read, before anything else.
 * <p>
 * Only messages no CertRep can be built for (no SignedData, no signer certificate, no
 * transactionID, senderNonce or messageType) raise {@link MalformedMessageException};
 * everything else comes back as a {@link PkiRequest}, failed ones with the failInfo to
 * answer with (RFC 8894 wants a signed FAILURE rather than an HTTP error).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3">RFC 8894 section 3</a>
 */
public final class PkiMessageDecoder {

	/**
	 * Every request type of RFC 8894 section 3.2.1.2, for tests and client-side tools.
	 */
	public static final Set<MessageType> ALL_REQUESTS = Set
		.copyOf(EnumSet.complementOf(EnumSet.of(MessageType.CERT_REP)));

	private final PkcsPkiEnvelope envelope;

	private final Set<MessageType> servedTypes;

	/**
	 * A decoder of every request type with the default ciphers, for tests and tools; a
	 * server passes the types it serves.
	 * @param recipients the keys envelopes may be addressed to
	 */
	public PkiMessageDecoder(List<RecipientKey> recipients) {
		this(recipients, ScepAlgorithms.CONTENT_CIPHERS, ALL_REQUESTS);
	}

	/**
	 * @param recipients the keys envelopes may be addressed to
	 * @param acceptedCiphers content encryption algorithms to accept, for example
	 * {@link ScepAlgorithms#withLegacySingleDes()}; anything else is answered badAlg
	 * @param servedTypes the message types the server implements and authorises; any
	 * other is answered badRequest before the signature is checked or the envelope opened
	 * (step-ca's CVE-2026-30836 issued certificates for types it parsed but never
	 * authorised)
	 */
	public PkiMessageDecoder(List<RecipientKey> recipients, Set<ASN1ObjectIdentifier> acceptedCiphers,
			Set<MessageType> servedTypes) {
		this(recipients, acceptedCiphers, servedTypes, null);
	}

	/**
	 * @param recipients the keys envelopes may be addressed to
	 * @param acceptedCiphers content encryption algorithms to accept
	 * @param servedTypes the message types the server implements and authorises
	 * @param delegate certificates envelopes may be addressed to whose keys are held
	 * elsewhere (the CA's), or null
	 */
	public PkiMessageDecoder(List<RecipientKey> recipients, Set<ASN1ObjectIdentifier> acceptedCiphers,
			Set<MessageType> servedTypes, DelegatedRecipient delegate) {
		this.envelope = new PkcsPkiEnvelope(recipients, acceptedCiphers, delegate);
		this.servedTypes = Set.copyOf(servedTypes);
	}

	/**
	 * Which delegated certificate (the CA's) the client encrypted to, read from the
	 * envelope's RecipientInfos alone: the CertRep is then signed with it (RFC 8894
	 * section 2.2). Empty when the envelope names a local key, or cannot be read.
	 * @param der the DER pkiMessage
	 * @return the delegated certificate the client addressed
	 */
	public Optional<X509Certificate> delegatedRecipient(byte[] der) {
		try {
			return PkiMessage.parse(der).content().flatMap(this.envelope::delegatedRecipient);
		}
		catch (MalformedMessageException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	public PkiRequest decode(byte[] der) throws MalformedMessageException {
		PkiMessage message = PkiMessage.parse(der);
		X509Certificate signer = message.signerCertificate()
			.orElseThrow(() -> new MalformedMessageException("signer certificate missing from SignedData"));
		String transactionId = message.transactionId()
			.orElseThrow(() -> new MalformedMessageException("transactionID attribute missing"));
		byte[] senderNonce = message.senderNonce()
			.orElseThrow(() -> new MalformedMessageException("senderNonce attribute missing"));
		String typeText = message.messageTypeText()
			.orElseThrow(() -> new MalformedMessageException("messageType attribute missing"));
		int typeCode = parseCode(typeText);
		Optional<MessageType> type = MessageType.of(typeCode);
		ASN1ObjectIdentifier digest = message.digestAlgorithm();
		Outcome outcome = new Outcome(type, typeCode, transactionId, senderNonce, signer, digest,
				message.signatureAlgorithm());
		try {
			return decode(message, outcome, typeText);
		}
		catch (RecipientUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// a Bouncy Castle getter that throws on a structure PkiMessage.parse could
			// not
			// check: the message was readable enough to answer, so answer it
			return outcome.failed(FailInfo.BAD_REQUEST, "pkiMessage cannot be processed");
		}
	}

	private PkiRequest decode(PkiMessage message, Outcome outcome, String typeText) {
		Optional<MessageType> type = outcome.type();
		ASN1ObjectIdentifier digest = outcome.digest();
		X509Certificate signer = outcome.signer();
		if (type.isEmpty() || !this.servedTypes.contains(type.get())) {
			return outcome.failed(FailInfo.BAD_REQUEST,
					"messageType " + type.map(MessageType::rfcName).orElse(typeText.strip()) + " not served");
		}
		if (!ScepAlgorithms.isAcceptedDigest(digest)) {
			return outcome.failed(FailInfo.BAD_ALG, "digest algorithm " + digest + " not accepted");
		}
		if (!message.signatureVerifies(signer.getPublicKey())) {
			return outcome.failed(FailInfo.BAD_MESSAGE_CHECK, "signature does not verify");
		}
		Optional<byte[]> content = message.content();
		if (content.isEmpty()) {
			return outcome.failed(FailInfo.BAD_REQUEST, "pkcsPKIEnvelope missing");
		}
		try {
			PkcsPkiEnvelope.Opened opened = this.envelope.open(content.get());
			return new PkiRequest(type, outcome.typeCode(), outcome.transactionId(), outcome.senderNonce(), signer,
					digest, opened.cipher(), opened.messageData(), null, null, opened.keyTransport(),
					outcome.signature());
		}
		catch (PkcsPkiEnvelope.EnvelopeException ex) {
			return outcome.failed(ex.failInfo(), ex.getMessage());
		}
	}

	private static int parseCode(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private record Outcome(Optional<MessageType> type, int typeCode, String transactionId, byte[] senderNonce,
			X509Certificate signer, ASN1ObjectIdentifier digest, ASN1ObjectIdentifier signature) {

		PkiRequest failed(FailInfo failInfo, String reason) {
			return new PkiRequest(this.type, this.typeCode, this.transactionId, this.senderNonce, this.signer,
					this.digest, null, null, failInfo, reason, null, this.signature);
		}

	}

}
