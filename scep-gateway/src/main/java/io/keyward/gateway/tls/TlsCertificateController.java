package io.keyward.gateway.tls;

import java.util.List;

import io.keyward.api.SerialNumbers;
import io.keyward.api.gateway.TlsCertificate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certificate the HTTPS listener serves, for the dashboard's overview (days left next
 * to the CA and RA certificates); caller scope {@code ra:read}, the admin-ui's only. An
 * empty list when HTTPS is off or the certificate cannot be read.
 */
@RestController
class TlsCertificateController {

	private final ServedTlsCertificate served;

	TlsCertificateController(ServedTlsCertificate served) {
		this.served = served;
	}

	@GetMapping("/api/v1/ra/tls")
	List<TlsCertificate> tlsCertificates() {
		return this.served.certificate()
			.map((certificate) -> new TlsCertificate(SerialNumbers.hex(certificate.getSerialNumber()),
					certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
					certificate.getNotAfter().toInstant()))
			.stream()
			.toList();
	}

}
