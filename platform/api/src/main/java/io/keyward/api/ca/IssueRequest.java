package io.keyward.api.ca;

/**
 * Ask the ca-adapter to issue a certificate.
 *
 * @param csr base64 of the DER PKCS#10 request
 * @param profile the enrollment profile the request came through
 * @param template the certificate template whose policy applies
 * @param transactionId the SCEP transactionID, for the record
 */
public record IssueRequest(String csr, String profile, String template, String transactionId) {
}
