package io.keyward.challenge.ca;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The ca-adapter client, authenticated with this service's own token.
 */
@Configuration(proxyBeanMethods = false)
class CaAdapterClientConfiguration {

	@Bean
	CertificateAuthorityClient certificateAuthorityClient(RestClient.Builder builder, CaAdapterProperties properties) {
		String token = (properties.token() != null) ? properties.token().strip() : "";
		return ServiceClients.create(builder, properties.url().toString(), token, properties.timeout(),
				CertificateAuthorityClient.class);
	}

}
