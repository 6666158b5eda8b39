package io.keyward.admin.profile;

import io.keyward.admin.AdminProperties;
import io.keyward.api.challenge.ChallengeProfileClient;
import io.keyward.api.gateway.ScepProfileClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {

	@Bean
	ScepProfileClient scepProfileClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.gatewayUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				ScepProfileClient.class);
	}

	@Bean
	ChallengeProfileClient challengeProfileClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				ChallengeProfileClient.class);
	}

}
