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
 * The ca-adapter's REST API, authenticated with a service token.
 */
@HttpExchange("/api/v1")
public interface CertificateAuthorityClient {

	@PostExchange("/certificates")
	IssuedCertificate issue(@RequestBody IssueRequest request);

	@GetExchange("/certificates/{serial}")
	IssuedCertificate certificate(@PathVariable String serial);

	@GetExchange("/certificates")
	CertificatePage certificates(@RequestParam int page, @RequestParam int size);

	@GetExchange("/certificates/search")
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) Instant expiresBefore, @RequestParam(required = false) String after,
			@RequestParam int size);

	@PostExchange("/certificates/{serial}/revoke")
	IssuedCertificate revoke(@PathVariable String serial, @RequestBody RevokeRequest request);

	@GetExchange("/authorities")
	List<AuthorityCertificate> authorities();

	@GetExchange("/ca")
	CaCertificates caCertificates();

}
