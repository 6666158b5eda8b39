package io.keyward.scep;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What the server answers to a request. Build it with the factories, which copy the
 * transactionID, set recipientNonce to the request's senderNonce (section 3.2.1.5), and
 * address the reply to the request's signer certificate (section 3.3.2) with the
 * request's digest and cipher.
 *
 * @param transactionId copied from the request
 * @param recipientNonce the request's senderNonce
 * @param status SUCCESS, FAILURE or PENDING
 * @param failInfo set exactly when status is FAILURE
 * @param failInfoText optional UTF-8 detail for FAILURE
 * @param certificates SUCCESS only: the issued certificate first, then any chain
 * @param recipient the certificate the SUCCESS envelope is encrypted to
 * @param contentEncryptionAlgorithm the request's cipher, mirrored when accepted
 * @param digestAlgorithm the request's digest, mirrored when advertised
 * @param crls SUCCESS to a GetCRL only: the CRL (section 3.3.4), with no certificate
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2">RFC 8894 section
 * 3.3.2</a>
 */
public record CertRep(String transactionId, byte[] recipientNonce, PkiStatus status, FailInfo failInfo,
		String failInfoText, List<X509Certificate> certificates, X509Certificate recipient,
		ASN1ObjectIdentifier contentEncryptionAlgorithm, ASN1ObjectIdentifier digestAlgorithm, List<X509CRL> crls) {

	public CertRep {
		Objects.requireNonNull(transactionId, "transactionId");
		Objects.requireNonNull(recipientNonce, "recipientNonce");
		Objects.requireNonNull(status, "status");
		certificates = (certificates != null) ? List.copyOf(certificates) : List.of();
		crls = (crls != null) ? List.copyOf(crls) : List.of();
		if ((status == PkiStatus.FAILURE) != (failInfo != null)) {
			throw new IllegalArgumentException("failInfo is required for FAILURE and only for FAILURE");
		}
		if (status == PkiStatus.SUCCESS && ((certificates.isEmpty() && crls.isEmpty()) || recipient == null)) {
			throw new IllegalArgumentException("SUCCESS needs the issued certificate or a CRL, and a recipient");
		}
	}

	/**
	 * A reply without CRLs (everything but a SUCCESS to GetCRL).
	 */
	public CertRep(String transactionId, byte[] recipientNonce, PkiStatus status, FailInfo failInfo,
			String failInfoText, List<X509Certificate> certificates, X509Certificate recipient,
			ASN1ObjectIdentifier contentEncryptionAlgorithm, ASN1ObjectIdentifier digestAlgorithm) {
		this(transactionId, recipientNonce, status, failInfo, failInfoText, certificates, recipient,
				contentEncryptionAlgorithm, digestAlgorithm, List.of());
	}

	/**
	 * A SUCCESS reply to GetCRL (section 3.3.4): the degenerate SignedData holds the CRL
	 * and no certificate.
	 * @param request the verified GetCRL
	 * @param crl the CRL
	 * @return the reply
	 */
	public static CertRep crl(PkiRequest request, X509CRL crl) {
		return new CertRep(request.transactionId(), request.senderNonce(), PkiStatus.SUCCESS, null, null, List.of(),
				request.signerCertificate(), request.contentEncryptionAlgorithm(), request.digestAlgorithm(),
				List.of(crl));
	}

	/**
	 * A SUCCESS reply (section 3.3.2.1).
	 * @param request the verified request
	 * @param issuedFirst the issued certificate first (the "leaf"), then optional chain
	 * @return the reply
	 */
	public static CertRep success(PkiRequest request, List<X509Certificate> issuedFirst) {
		return new CertRep(request.transactionId(), request.senderNonce(), PkiStatus.SUCCESS, null, null, issuedFirst,
				request.signerCertificate(), request.contentEncryptionAlgorithm(), request.digestAlgorithm());
	}

	/**
	 * A FAILURE reply (section 3.3.2.2); it carries no pkcsPKIEnvelope.
	 * @param request the request, verified or not
	 * @param failInfo the reason code
	 * @param failInfoText optional detail, may be {@code null}
	 * @return the reply
	 */
	public static CertRep failure(PkiRequest request, FailInfo failInfo, String failInfoText) {
		return new CertRep(request.transactionId(), request.senderNonce(), PkiStatus.FAILURE,
				Objects.requireNonNull(failInfo, "failInfo"), failInfoText, List.of(), request.signerCertificate(),
				request.contentEncryptionAlgorithm(), request.digestAlgorithm());
	}

	/**
	 * A PENDING reply (section 3.3.2.3); the client polls with CertPoll.
	 * @param request the verified request
	 * @return the reply
	 */
	public static CertRep pending(PkiRequest request) {
		return new CertRep(request.transactionId(), request.senderNonce(), PkiStatus.PENDING, null, null, List.of(),
				request.signerCertificate(), request.contentEncryptionAlgorithm(), request.digestAlgorithm());
	}

}
