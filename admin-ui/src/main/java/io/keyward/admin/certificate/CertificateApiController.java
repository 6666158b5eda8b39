package io.keyward.admin.certificate;

import java.time.Instant;

import io.keyward.admin.certificate.CertificateLifecycle.CertificateQuery;
import io.keyward.admin.security.Actor;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssuedCertificate;

import io.keyward.edge.search.SearchInstants;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over certificates: search (keyset paging), read, revoke.
 */
@RestController
@RequestMapping("/api/v1/certificates")
class CertificateApiController {

	private final CertificateLifecycle lifecycle;

	CertificateApiController(CertificateLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@GetMapping
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant expiresBefore,
			@RequestParam(required = false) String after, @RequestParam(defaultValue = "50") int size,
			@RequestParam(required = false) String sort) {
		// checked here as the ca-adapter's search checks it, so the answer is a 400, not
		// the ca-adapter's 400 relayed as a 502
		SearchInstants.requireInRange("expiresBefore", expiresBefore);
		return this.lifecycle.search(new CertificateQuery(q, status, profile, expiresBefore, after, size, sort));
	}

	@GetMapping("/{serial}")
	IssuedCertificate certificate(@PathVariable String serial) {
		return this.lifecycle.find(serial);
	}

	@PostMapping("/{serial}/revoke")
	IssuedCertificate revoke(@PathVariable String serial, @RequestBody Revocation revocation) {
		return this.lifecycle.revoke(serial, revocation.reason(), revocation.comment(), Actor.current());
	}

	/**
	 * @param reason RFC 5280 CRLReason name, e.g. {@code keyCompromise}
	 * @param comment why, optional
	 */
	record Revocation(String reason, String comment) {
	}

}
