package io.keyward.admin.authority;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's view of the CA, OCSP signer and RA certificates.
 */
@RestController
class AuthoritiesApiController {

	private final Authorities authorities;

	AuthoritiesApiController(Authorities authorities) {
		this.authorities = authorities;
	}

	@GetMapping("/api/v1/authorities")
	AuthorityListing authorities() {
		return new AuthorityListing(this.authorities.ca(), this.authorities.ra());
	}

}
