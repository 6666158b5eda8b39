package io.keyward.api.gateway;

import java.util.List;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The gateway's RA certificates, current and previous, authenticated with a service
 * token; for the dashboard's certificate page.
 */
@HttpExchange("/api/v1/ra")
public interface RaCertificateClient {

	@GetExchange
	List<RaCertificate> raCertificates();

	/**
	 * The certificate the gateway's HTTPS listener serves: empty when HTTPS is off or the
	 * certificate cannot be read. Same scope as the RA certificates ({@code ra:read}).
	 */
	@GetExchange("/tls")
	List<TlsCertificate> tlsCertificates();

}
