package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * A decoded request pkiMessage. When {@link #failInfo()} is set the request must be
 * answered with a FAILURE CertRep carrying it; {@link #messageData()} is then
 * {@code null}.
 *
 * @param messageType the type, empty when the code is not assigned
 * @param messageTypeCode the decimal code as sent ({@code -1} when not a number)
 * @param transactionId opaque client-chosen transactionID (section 3.2.1.1)
 * @param senderNonce the client's nonce, echoed as recipientNonce (section 3.2.1.5)
 * @param signerCertificate the self-signed or existing certificate that signed the
 * request; the CertRep is encrypted to it (section 2.3)
 * @param digestAlgorithm the SignerInfo digest algorithm
 * @param contentEncryptionAlgorithm the envelope cipher, {@code null} when not decrypted
 * @param messageData the decrypted messageData, {@code null} on failure
 * @param failInfo the failure to answer with, {@code null} when ok
 * @param failureReason a short log-safe reason, {@code null} when ok
 * @param keyTransportAlgorithm how the content-encryption key was transported
 * (rsaEncryption or id-RSAES-OAEP), {@code null} when not decrypted
 * @param signatureAlgorithm the SignerInfo signature algorithm
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3">RFC 8894 section
 * 3.3</a>
 */
public record PkiRequest(Optional<MessageType> messageType, int messageTypeCode, String transactionId,
		byte[] senderNonce, X509Certificate signerCertificate, ASN1ObjectIdentifier digestAlgorithm,
		ASN1ObjectIdentifier contentEncryptionAlgorithm, byte[] messageData, FailInfo failInfo, String failureReason,
		ASN1ObjectIdentifier keyTransportAlgorithm, ASN1ObjectIdentifier signatureAlgorithm) {

	/**
	 * Whether the request was verified and decrypted.
	 * @return {@code true} when there is no failInfo
	 */
	public boolean ok() {
		return this.failInfo == null;
	}

}
