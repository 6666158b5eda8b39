package io.keyward.api.ca;

/**
 * The parts of a SCEP CertRep for the ca-adapter to sign with a CA key (RFC 8894 section
 * 3.3.2). The ca-adapter builds the signed attributes itself: it signs CertReps, never
 * bytes the caller chose.
 *
 * @param caCertificateSha256 hex SHA-256 of the CA certificate to sign with (the one the
 * client encrypted to), null for the issuing CA
 * @param transactionId copied from the request
 * @param recipientNonce base64 of the request's senderNonce
 * @param pkiStatus {@code SUCCESS}, {@code FAILURE} or {@code PENDING}
 * @param failInfo FAILURE only: {@code BAD_ALG}, {@code BAD_MESSAGE_CHECK},
 * {@code BAD_REQUEST}, {@code BAD_TIME} or {@code BAD_CERT_ID}
 * @param failInfoText FAILURE only, optional
 * @param digestAlgorithm the request's digest (dotted OID), null for SHA-256
 * @param pkcsPkiEnvelope SUCCESS only: base64 of the DER EnvelopedData the gateway built
 * for the device
 * @param emptyContentWhenOmitted FAILURE and PENDING: an empty OCTET STRING instead of no
 * eContent (certmonger); null means no
 */
public record CertRepSigningRequest(String caCertificateSha256, String transactionId, String recipientNonce,
		String pkiStatus, String failInfo, String failInfoText, String digestAlgorithm, String pkcsPkiEnvelope,
		Boolean emptyContentWhenOmitted) {
}
