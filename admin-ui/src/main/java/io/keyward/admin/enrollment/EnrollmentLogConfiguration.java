package io.keyward.admin.enrollment;

import io.keyward.admin.AdminProperties;
import io.keyward.api.challenge.ChallengeLifeClient;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.RaCertificateClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class EnrollmentLogConfiguration {

	@Bean
	EnrollmentLogClient enrollmentLogClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.gatewayUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				EnrollmentLogClient.class);
	}

	@Bean
	ChallengeLifeClient challengeLifeClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				ChallengeLifeClient.class);
	}

	@Bean
	RaCertificateClient raCertificateClient(RestClient.Builder builder, AdminProperties properties) {
		return ServiceClients.create(builder, properties.gatewayUrl().toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				RaCertificateClient.class);
	}

}
