package io.keyward.admin.certificate;

import io.keyward.admin.AdminProperties;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CertificateAuthorityConfiguration {

	@Bean
	CertificateAuthorityClient certificateAuthorityClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.caUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				CertificateAuthorityClient.class);
	}

}
