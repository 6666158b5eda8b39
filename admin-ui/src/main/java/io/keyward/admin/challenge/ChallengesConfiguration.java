package io.keyward.admin.challenge;

import io.keyward.admin.AdminProperties;
import io.keyward.api.challenge.ChallengeAdministrationClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class ChallengesConfiguration {

	@Bean
	ChallengeAdministrationClient challengeAdministrationClient(RestClient.Builder builder,
			AdminProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				ChallengeAdministrationClient.class);
	}

}
