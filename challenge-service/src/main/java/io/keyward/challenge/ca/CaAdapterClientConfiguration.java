package io.keyward.challenge.ca;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The one ca-adapter client, authenticated with this service's own token: the NDES page
 * reads the CA certificate with it, the Intune revocations revoke with it.
 */
@Configuration(proxyBeanMethods = false)
class CaAdapterClientConfiguration {

	@Bean
	CertificateAuthorityClient certificateAuthorityClient(RestClient.Builder builder, CaAdapterProperties properties) {
		return ServiceClients.create(builder, properties.url().toString(), properties.tokenOrBlank(),
				properties.timeout(), CertificateAuthorityClient.class);
	}

}
