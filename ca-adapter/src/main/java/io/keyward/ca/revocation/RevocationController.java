package io.keyward.ca.revocation;

import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Revocation, the CRL and the OCSP responder for internal callers: the gateway serves the
 * CRL and OCSP to the world on its port (the ca-adapter's port is internal).
 */
@RestController
@RequestMapping("/api/v1")
class RevocationController {

	static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

	static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

	private final Revocation revocation;

	private final CrlPublisher crls;

	private final OcspResponder ocsp;

	RevocationController(Revocation revocation, CrlPublisher crls, OcspResponder ocsp) {
		this.revocation = revocation;
		this.crls = crls;
		this.ocsp = ocsp;
	}

	@PostMapping("/certificates/{serial}/revoke")
	IssuedCertificate revoke(@PathVariable String serial, @RequestBody RevokeRequest request) {
		return this.revocation.revoke(serial, request);
	}

	@GetMapping("/crl/{caName}")
	ResponseEntity<byte[]> crl(@PathVariable String caName) {
		return ResponseEntity.ok().contentType(PKIX_CRL).body(this.crls.current(caName));
	}

	@PostMapping("/ocsp")
	ResponseEntity<byte[]> ocsp(@RequestBody byte[] request) {
		return ResponseEntity.ok().contentType(OCSP_RESPONSE).body(this.ocsp.respond(request));
	}

}
