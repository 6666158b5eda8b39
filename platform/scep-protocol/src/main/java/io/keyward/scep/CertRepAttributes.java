package io.keyward.scep;

import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What a CertRep's signer needs besides the pkcsPKIEnvelope: the values of its signed
 * attributes (RFC 8894 section 3.2.1) and the digest to sign with. A signer that is
 * handed these and an already-enveloped messageData builds the attributes itself, so it
 * only ever signs CertReps.
 *
 * @param transactionId copied from the request
 * @param recipientNonce the request's senderNonce
 * @param status SUCCESS, FAILURE or PENDING
 * @param failInfo set exactly when status is FAILURE
 * @param failInfoText optional detail for FAILURE
 * @param digestAlgorithm the request's digest, mirrored when advertised; may be null
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2">RFC 8894 section
 * 3.3.2</a>
 */
public record CertRepAttributes(String transactionId, byte[] recipientNonce, PkiStatus status, FailInfo failInfo,
		String failInfoText, ASN1ObjectIdentifier digestAlgorithm) {

	public CertRepAttributes {
		Objects.requireNonNull(transactionId, "transactionId");
		Objects.requireNonNull(recipientNonce, "recipientNonce");
		Objects.requireNonNull(status, "status");
		if ((status == PkiStatus.FAILURE) != (failInfo != null)) {
			throw new IllegalArgumentException("failInfo is required for FAILURE and only for FAILURE");
		}
	}

	/**
	 * @param certRep a reply
	 * @return its attributes
	 */
	public static CertRepAttributes of(CertRep certRep) {
		return new CertRepAttributes(certRep.transactionId(), certRep.recipientNonce(), certRep.status(),
				certRep.failInfo(), certRep.failInfoText(), certRep.digestAlgorithm());
	}

}
