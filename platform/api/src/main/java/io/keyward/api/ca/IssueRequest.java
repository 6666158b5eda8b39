package io.keyward.api.ca;

import io.keyward.api.challenge.ChallengeBinding;

/**
 * Ask the ca-adapter to issue a certificate.
 *
 * @param csr base64 of the DER PKCS#10 request
 * @param profile the enrollment profile the request came through
 * @param template the certificate template whose policy applies; for a renewal, null or
 * blank means the template the renewed certificate was issued under
 * @param transactionId the SCEP transactionID, for the record
 * @param renewalOf serial (hex) of the certificate this one renews (RFC 8894 section
 * 2.5), null for a first enrollment: the ca-adapter then takes the subject and SANs from
 * that certificate, not from the CSR, and records the old one as replaced
 * @param binding what the redeemed challenge was bound to (the MDM vouched for it, the
 * device did not), null for nothing; the template decides whether it goes into the
 * certificate
 * @param correlationId the correlation id of the enrollment (issue 14): the redeemed
 * challenge's, or the gateway's own for a renewal; stored with the request and the
 * certificate, null for none
 */
public record IssueRequest(String csr, String profile, String template, String transactionId, String renewalOf,
		ChallengeBinding binding, String correlationId) {

	public IssueRequest(String csr, String profile, String template, String transactionId, String renewalOf,
			ChallengeBinding binding) {
		this(csr, profile, template, transactionId, renewalOf, binding, null);
	}

	public IssueRequest(String csr, String profile, String template, String transactionId, String renewalOf) {
		this(csr, profile, template, transactionId, renewalOf, null, null);
	}

	/**
	 * A first enrollment, not a renewal.
	 */
	public IssueRequest(String csr, String profile, String template, String transactionId) {
		this(csr, profile, template, transactionId, null, null, null);
	}

}
