package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.api.ca.AuthorityCertificate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certificates the ca-adapter signs with, for the admin pages that show how many days
 * each has left: the CA and its current delegated OCSP signer.
 */
@RestController
class AuthorityController {

	private final BuiltInCertificateAuthority authority;

	private final OcspSigners ocspSigners;

	AuthorityController(BuiltInCertificateAuthority authority, OcspSigners ocspSigners) {
		this.authority = authority;
		this.ocspSigners = ocspSigners;
	}

	@GetMapping("/api/v1/authorities")
	List<AuthorityCertificate> authorities() {
		return List.of(describe(AuthorityCertificate.CA, this.authority.certificate()),
				describe(AuthorityCertificate.OCSP_SIGNER, this.ocspSigners.current().certificate()));
	}

	private AuthorityCertificate describe(String role, X509Certificate certificate) {
		return new AuthorityCertificate(role, this.authority.name(), certificate.getSubjectX500Principal().getName(),
				io.keyward.api.SerialNumbers.hex(certificate.getSerialNumber()), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant(), Pem.certificate(certificate));
	}

}
