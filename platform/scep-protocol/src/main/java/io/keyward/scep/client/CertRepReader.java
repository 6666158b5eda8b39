package io.keyward.scep.client;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.scep.CertificatesOnly;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiMessage;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.ScepAttributes;
import io.keyward.scep.ScepObjectIdentifiers;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * Client side: verifies a CertRep against the RA signing certificate and, on SUCCESS,
 * decrypts the certificates with the key of the request's signer certificate.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2">RFC 8894 section
 * 3.3.2</a>
 */
public final class CertRepReader {

	private CertRepReader() {
	}

	/**
	 * Reads a CertRep.
	 * @param der the response body
	 * @param raSigningCert the RA certificate the signature must verify with
	 * @param recipientKey the private key of the request's signer certificate
	 * @return the response
	 * @throws MalformedMessageException when the message is not a CertRep, its signature
	 * fails, or a SUCCESS envelope cannot be decrypted
	 */
	public static CertRepResponse read(byte[] der, X509Certificate raSigningCert, PrivateKey recipientKey)
			throws MalformedMessageException {
		PkiMessage message = PkiMessage.parse(der);
		if (!message.signatureVerifies(raSigningCert.getPublicKey())) {
			throw new MalformedMessageException("CertRep signature does not verify with the RA certificate");
		}
		int type = ScepAttributes.number(message.attributes(), ScepObjectIdentifiers.MESSAGE_TYPE).orElse(-1);
		if (type != MessageType.CERT_REP.code()) {
			throw new MalformedMessageException("messageType is " + type + ", not CertRep");
		}
		PkiStatus status = ScepAttributes.number(message.attributes(), ScepObjectIdentifiers.PKI_STATUS)
			.flatMap(PkiStatus::of)
			.orElseThrow(() -> new MalformedMessageException("pkiStatus missing or unknown"));
		FailInfo failInfo = ScepAttributes.number(message.attributes(), ScepObjectIdentifiers.FAIL_INFO)
			.flatMap(FailInfo::of)
			.orElse(null);
		if (status == PkiStatus.FAILURE && failInfo == null) {
			throw new MalformedMessageException("FAILURE without failInfo");
		}
		String failInfoText = ScepAttributes.string(message.attributes(), ScepObjectIdentifiers.FAIL_INFO_TEXT)
			.orElse(null);
		String transactionId = message.transactionId()
			.orElseThrow(() -> new MalformedMessageException("transactionID missing"));
		byte[] senderNonce = message.senderNonce()
			.orElseThrow(() -> new MalformedMessageException("senderNonce missing"));
		byte[] recipientNonce = message.recipientNonce()
			.orElseThrow(() -> new MalformedMessageException("recipientNonce missing"));
		List<X509Certificate> certificates = List.of();
		List<X509CRL> crls = List.of();
		if (status == PkiStatus.SUCCESS) {
			byte[] envelope = message.content()
				.orElseThrow(() -> new MalformedMessageException("SUCCESS without pkcsPKIEnvelope"));
			byte[] messageData = decrypt(envelope, recipientKey);
			certificates = CertificatesOnly.decode(messageData);
			crls = CertificatesOnly.decodeCrls(messageData);
		}
		return new CertRepResponse(status, failInfo, failInfoText, transactionId, senderNonce, recipientNonce,
				certificates, crls);
	}

	private static byte[] decrypt(byte[] envelope, PrivateKey key) throws MalformedMessageException {
		try {
			CMSEnvelopedData enveloped = new CMSEnvelopedData(envelope);
			for (RecipientInformation recipient : enveloped.getRecipientInfos().getRecipients()) {
				if (recipient instanceof KeyTransRecipientInformation) {
					try {
						// the JDK's RSA is about three times faster than Bouncy Castle's
						return recipient.getContent(new JceKeyTransEnvelopedRecipient(key));
					}
					catch (CMSException | RuntimeException jdkFailure) {
						try {
							return recipient
								.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(BouncyCastle.PROVIDER));
						}
						catch (CMSException | RuntimeException ex) {
							// addressed to another certificate (micromdm encrypts to
							// several)
						}
					}
				}
			}
		}
		catch (CMSException | RuntimeException ex) {
			throw new MalformedMessageException("pkcsPKIEnvelope is not CMS EnvelopedData", ex);
		}
		throw new MalformedMessageException("pkcsPKIEnvelope cannot be decrypted with the recipient key");
	}

}
