package io.keyward.gateway.ra;

import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.api.SerialNumbers;
import io.keyward.api.gateway.RaCertificate;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RA certificates, current and previous, for the dashboard
 * ({@link io.keyward.api.gateway.RaCertificateClient}); service-token authenticated like
 * the rest of {@code /api/**}. No private key leaves the store.
 */
@RestController
class RaCertificateController {

	private final RaKeyStore store;

	RaCertificateController(RaKeyStore store) {
		this.store = store;
	}

	@GetMapping("/api/v1/ra")
	@Transactional(readOnly = true)
	List<RaCertificate> raCertificates() {
		return this.store.listed().entrySet().stream().map((entry) -> {
			RaKey row = entry.getKey();
			X509Certificate certificate = entry.getValue();
			return new RaCertificate(row.purpose(), row.state(), SerialNumbers.hex(certificate.getSerialNumber()),
					certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
					certificate.getNotAfter().toInstant());
		}).toList();
	}

}
