package io.keyward.ca.issuance;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.CertificatePage;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.NextCaRequest;
import io.keyward.ca.authority.CaRollover;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API of {@link io.keyward.api.ca.CertificateAuthorityClient}: issue, look up,
 * list, the CA certificates and the next CA of a rollover.
 */
@RestController
@RequestMapping("/api/v1")
class CertificateController {

	static final int MAX_PAGE_SIZE = 500;

	private final Issuance issuance;

	private final CertificateStore certificates;

	private final CaRollover rollover;

	private final CertificateInventory inventory;

	private final Clock clock;

	private final IssuanceGrants grants;

	CertificateController(Issuance issuance, CertificateStore certificates, CaRollover rollover,
			CertificateInventory inventory, Clock clock, IssuanceGrants grants) {
		this.grants = grants;
		this.issuance = issuance;
		this.certificates = certificates;
		this.rollover = rollover;
		this.inventory = inventory;
		this.clock = clock;
	}

	@PostMapping("/certificates")
	ResponseEntity<IssuedCertificate> issue(@RequestBody IssueRequest request, Principal caller) {
		return created(this.issuance.issue(request, caller.getName(), this.grants.general(caller.getName())));
	}

	/**
	 * The narrow path for the gateway's own RA certificates: only the RA templates, only
	 * for a caller with the {@code ra-certificates:issue} scope.
	 */
	@PostMapping("/ra-certificates")
	ResponseEntity<IssuedCertificate> issueRa(@RequestBody IssueRequest request, Principal caller) {
		return created(this.issuance.issue(request, caller.getName(), this.grants.ra()));
	}

	private ResponseEntity<IssuedCertificate> created(CertificateRecord record) {
		IssuedCertificate issued = record.toApi(this.clock.instant());
		return ResponseEntity.created(URI.create("/api/v1/certificates/" + issued.serialNumber())).body(issued);
	}

	/**
	 * The policy check: 204 when {@link #issue} would sign the request, the same 400
	 * problem it would answer otherwise; nothing is signed or stored.
	 */
	@PostMapping("/policy-check")
	ResponseEntity<Void> checkPolicy(@RequestBody IssueRequest request, Principal caller) {
		this.issuance.check(request, caller.getName(), this.grants.general(caller.getName()));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Issue 14: the certificates of one enrollment, for the admin-ui's enrollment page.
	 */
	@GetMapping("/certificates/correlated/{correlationId}")
	List<IssuedCertificate> correlated(@PathVariable String correlationId) {
		UUID id = CorrelationIds.parse(correlationId);
		if (id == null) {
			throw new InvalidRequest("correlationId must be a UUID");
		}
		Instant now = this.clock.instant();
		return this.certificates.correlated(id).stream().map((record) -> record.toApi(now)).toList();
	}

	@GetMapping("/certificates/{serial}")
	IssuedCertificate certificate(@PathVariable String serial) {
		String normalized = CertificateInventory.normalizeSerial(serial);
		return this.inventory.find(normalized).orElseThrow(() -> new CertificateNotFound(normalized));
	}

	@GetMapping("/certificates/search")
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String expiresBefore, @RequestParam(required = false) String after,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.inventory
			.search(CertificateQuery.of(q, status, profile, expiresBefore, after, size, sort, this.clock.instant()));
	}

	@GetMapping("/certificates")
	CertificatePage certificates(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidRequest("page must be 0 or more");
		}
		if (size < 1) {
			throw new InvalidRequest("size must be 1 or more");
		}
		int capped = Math.min(size, MAX_PAGE_SIZE);
		Instant now = this.clock.instant();
		return new CertificatePage(
				this.certificates.page(page, capped).stream().map((record) -> record.toApi(now)).toList(), page, capped,
				this.certificates.count());
	}

	@GetMapping("/ca")
	CaCertificates ca() {
		return this.rollover.published();
	}

	/**
	 * Prepare the next CA for a rollover (RFC 8894 section 4.7), or move its switch-over.
	 */
	@PostMapping("/ca/next")
	CaCertificates prepareNextCa(@RequestBody NextCaRequest request) {
		return this.rollover.prepareNext(request.switchAt(),
				(request.requestedBy() != null) ? request.requestedBy() : "unknown");
	}

}
