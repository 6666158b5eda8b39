package io.keyward.admin.authority;

import java.time.Instant;

import io.keyward.admin.security.Actor;
import io.keyward.api.ca.CaCertificates;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's view of the CA, OCSP signer and RA certificates, and the CA rollover.
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

	/**
	 * Prepare the next CA for a rollover (RFC 8894 section 4.7), or move its switch-over.
	 */
	@PostMapping("/api/v1/authorities/next")
	CaCertificates prepareNext(@RequestBody(required = false) NextCa request) {
		return this.authorities.prepareNext((request != null) ? request.switchAt() : null, Actor.current());
	}

	/**
	 * @param switchAt when the next CA starts issuing; absent means now
	 */
	record NextCa(Instant switchAt) {
	}

}
