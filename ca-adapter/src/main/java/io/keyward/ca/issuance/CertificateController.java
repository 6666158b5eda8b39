package io.keyward.ca.issuance;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.CertificatePage;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.Pem;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
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
 * list, and the CA chain.
 */
@RestController
@RequestMapping("/api/v1")
class CertificateController {

	static final int MAX_PAGE_SIZE = 500;

	private final Issuance issuance;

	private final CertificateRepository certificates;

	private final CertificateAuthority authority;

	private final CertificateInventory inventory;

	private final Clock clock;

	private final IssuanceGrants grants;

	CertificateController(Issuance issuance, CertificateRepository certificates, CertificateAuthority authority,
			CertificateInventory inventory, Clock clock, IssuanceGrants grants) {
		this.grants = grants;
		this.issuance = issuance;
		this.certificates = certificates;
		this.authority = authority;
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

	@GetMapping("/certificates/{serial}")
	IssuedCertificate certificate(@PathVariable String serial) {
		String normalized = CertificateInventory.normalizeSerial(serial);
		return this.inventory.find(normalized).orElseThrow(() -> new CertificateNotFound(normalized));
	}

	@GetMapping("/certificates/search")
	CertificateSearchPage search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String expiresBefore, @RequestParam(required = false) String after,
			@RequestParam(required = false) Integer size) {
		return this.inventory.search(CertificateQuery.of(q, status, profile, expiresBefore, after, size));
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
		Page<CertificateRecord> found = this.certificates
			.findAll(PageRequest.of(page, capped, Sort.by(Sort.Order.desc("issuedAt"), Sort.Order.desc("id"))));
		Instant now = this.clock.instant();
		return new CertificatePage(found.map((record) -> record.toApi(now)).toList(), page, capped,
				found.getTotalElements());
	}

	@GetMapping("/ca")
	CaCertificates ca() {
		List<String> chain = this.authority.chain().stream().map(Pem::certificate).toList();
		return new CaCertificates(chain);
	}

}
