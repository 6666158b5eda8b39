package io.keyward.admin.mdmclient;

import io.keyward.admin.AdminProperties;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class MdmClientsConfiguration {

	@Bean
	MdmClientsClient mdmClientsClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				MdmClientsClient.class);
	}

}
