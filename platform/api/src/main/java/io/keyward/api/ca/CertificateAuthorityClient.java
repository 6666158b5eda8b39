package io.keyward.api.ca;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The ca-adapter's REST API. Each caller presents its own token and may call only what
 * its scopes allow (docs/security.md): the gateway issues, the admin-ui reads and
 * revokes.
 */
@HttpExchange("/api/v1")
public interface CertificateAuthorityClient {

	/**
	 * Issue under one of the templates granted to the caller; never an RA template (403).
	 */
	@PostExchange("/certificates")
	IssuedCertificate issue(@RequestBody IssueRequest request);

	/**
	 * Check an issue request against its template without issuing or storing anything:
	 * the gateway asks before it spends a challenge, so a CSR the template refuses (a
	 * weak key, a name not allowed) does not use the challenge up.
	 * @param request as it would be issued
	 * @throws org.springframework.web.client.HttpClientErrorException.BadRequest with a
	 * problem whose {@code failInfo} property is {@code badAlg} for a key the template
	 * does not accept and {@code badRequest} otherwise
	 */
	@PostExchange("/policy-check")
	void checkPolicy(@RequestBody IssueRequest request);

	/**
	 * Issue one of the gateway's own RA certificates: only the RA templates
	 * ({@code ra-signing}, {@code ra-encryption}), only with the
	 * {@code ra-certificates:issue} scope.
	 */
	@PostExchange("/ra-certificates")
	IssuedCertificate issueRaCertificate(@RequestBody IssueRequest request);

	/**
	 * @param correlationId the correlation id of one enrollment (issue 14)
	 * @return the certificates issued under it, oldest first; empty when none
	 */
	@GetExchange("/certificates/correlated/{correlationId}")
	List<IssuedCertificate> correlated(@PathVariable String correlationId);

	@GetExchange("/certificates/{serial}")
	IssuedCertificate certificate(@PathVariable String serial);

	@GetExchange("/certificates")
	CertificatePage certificates(@RequestParam int page, @RequestParam int size);

	@GetExchange("/ca")
	CaCertificates caCertificates();

	/**
	 * Prepare the next CA (new key pair, self-signed certificate and link certificates)
	 * and schedule its switch-over; when one is prepared already, only its switch-over
	 * moves.
	 * @param request when to switch, and who asks
	 * @return the CA certificates with the next CA
	 */
	@PostExchange("/ca/next")
	CaCertificates prepareNextCa(@RequestBody NextCaRequest request);

	/**
	 * Revoke a certificate and re-issue its CA's CRL, in one step.
	 * @param serial hex, any spelling (leading zeros, colons, lower case)
	 * @param request reason, comment and who
	 * @return the certificate as revoked
	 */
	@PostExchange("/certificates/{serial}/revoke")
	IssuedCertificate revoke(@PathVariable String serial, @RequestBody RevokeRequest request);

	/**
	 * Search issued certificates, newest issued first, with keyset paging. Every filter
	 * is optional (null).
	 * @param q the search box: free text (the start of any RDN value of the subject or of
	 * any SAN value, a whole SAN, a serial in hex or decimal, a transactionID) and
	 * {@code key:value} terms, e.g. {@code laptop status:revoked expires:<30d}
	 * (docs/admin-dashboard.md)
	 * @param status {@code VALID}, {@code REVOKED} or {@code EXPIRED}
	 * @param profile enrollment profile, exact
	 * @param expiresBefore only certificates whose notAfter is before this instant
	 * @param after the previous page's {@code nextCursor}
	 * @param size 1 to 500, 50 when null
	 * @return one page
	 */
	@GetExchange("/certificates/search")
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) Instant expiresBefore, @RequestParam(required = false) String after,
			@RequestParam(required = false) Integer size);

	/**
	 * {@link #search(String, String, String, Instant, String, Integer)} in another order.
	 * @param sort {@code issued}, {@code expires} or {@code subject}, optionally
	 * {@code :asc} or {@code :desc}; the row id breaks ties, so the keyset paging holds;
	 * a cursor is good only for the order it came from
	 */
	@GetExchange("/certificates/search")
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) Instant expiresBefore, @RequestParam(required = false) String after,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort);

	/**
	 * @return valid certificates, those expiring in 7/30/90 days, each CA's newest CRL
	 * (scope {@code statistics:read})
	 */
	@GetExchange("/statistics/certificates")
	CertificateStatistics statistics();

	/**
	 * @return every certificate template's policy, by name (scope {@code templates:read})
	 */
	@GetExchange("/templates")
	List<CertificateTemplatePolicy> templates();

	/**
	 * @return the CA certificates and the OCSP signing certificates
	 */
	@GetExchange("/authorities")
	List<AuthorityCertificate> authorities();

	/**
	 * @param caName the CA's name
	 * @return its current CRL, DER (RFC 5280 section 5)
	 */
	@GetExchange("/crl/{caName}")
	byte[] crl(@PathVariable String caName);

	/**
	 * @param request a DER OCSPRequest (RFC 6960 section 4.1)
	 * @return the DER OCSPResponse, signed by the CA's delegated OCSP signer
	 */
	@PostExchange(url = "/ocsp", contentType = "application/ocsp-request", accept = "application/ocsp-response")
	byte[] ocsp(@RequestBody byte[] request);

	/**
	 * Open a SCEP pkcsPKIEnvelope addressed to one of the CA certificates (the issuing
	 * CA, a prepared next or a still-valid previous one) with its key: the gateway's
	 * narrow use of the CA key as SCEP recipient (scope {@code scep:ca-recipient}).
	 * @param envelope the envelope
	 * @return its content
	 * @throws org.springframework.web.client.HttpClientErrorException 400 when it is not
	 * EnvelopedData or too large, 422 when it is not addressed to a CA certificate or
	 * cannot be decrypted (one answer for every decryption failure)
	 */
	@PostExchange("/scep-recipient/envelopes")
	OpenedScepEnvelope openScepEnvelope(@RequestBody ScepEnvelope envelope);

	/**
	 * Sign a SCEP CertRep with a CA key (scope {@code scep:ca-recipient}).
	 * @param request the CertRep's parts
	 * @return the signed CertRep
	 */
	@PostExchange("/scep-recipient/cert-reps")
	SignedCertRep signCertRep(@RequestBody CertRepSigningRequest request);

}
