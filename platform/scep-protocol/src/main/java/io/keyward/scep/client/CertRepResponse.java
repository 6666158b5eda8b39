package io.keyward.scep.client;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;

/**
 * A verified CertRep as a client sees it.
 *
 * @param status SUCCESS, FAILURE or PENDING
 * @param failInfo set for FAILURE
 * @param failInfoText the optional failInfoText, may be {@code null}
 * @param transactionId the echoed transactionID
 * @param senderNonce the server's fresh nonce
 * @param recipientNonce must equal the request's senderNonce (section 3.2.1.5)
 * @param certificates SUCCESS: the degenerate SignedData's certificates in order, issued
 * first
 * @param crls SUCCESS to GetCRL: the CRLs of the degenerate SignedData
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2">RFC 8894 section
 * 3.3.2</a>
 */
public record CertRepResponse(PkiStatus status, FailInfo failInfo, String failInfoText, String transactionId,
		byte[] senderNonce, byte[] recipientNonce, List<X509Certificate> certificates, List<X509CRL> crls) {

}
