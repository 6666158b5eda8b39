package io.keyward.gateway.upstream;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.challenge.ChallengeRedemptionClient;
import io.keyward.api.event.EventClient;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.gateway.GatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * HTTP interface clients for the two services the gateway calls on the enrollment path,
 * each authenticated with the gateway's service token.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClientsConfiguration {

	@Bean
	ChallengeRedemptionClient challengeRedemptionClient(RestClient.Builder builder, GatewayProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(), token(properties),
				properties.timeout(), ChallengeRedemptionClient.class);
	}

	@Bean
	CertificateAuthorityClient certificateAuthorityClient(RestClient.Builder builder, GatewayProperties properties) {
		return ServiceClients.create(builder, properties.caUrl().toString(), token(properties), properties.timeout(),
				CertificateAuthorityClient.class);
	}

	@Bean
	EventClient eventClient(RestClient.Builder builder, GatewayProperties properties) {
		return ServiceClients.create(builder, properties.challengeUrl().toString(), token(properties),
				properties.timeout(), EventClient.class);
	}

	private static String token(GatewayProperties properties) {
		return (properties.serviceToken() != null) ? properties.serviceToken().strip() : "";
	}

}
