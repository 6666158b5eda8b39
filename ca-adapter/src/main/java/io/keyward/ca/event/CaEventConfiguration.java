package io.keyward.ca.event;

import io.keyward.api.event.EventClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The ca-adapter's one client of another service: the challenge-service's event intake,
 * with the ca-adapter's own token.
 */
@Configuration(proxyBeanMethods = false)
class CaEventConfiguration {

	@Bean
	EventClient eventClient(RestClient.Builder builder, CaEventProperties properties) {
		String token = (properties.serviceToken() != null) ? properties.serviceToken().strip() : "";
		return ServiceClients.create(builder, properties.challengeUrl().toString(), token, properties.timeout(),
				EventClient.class);
	}

}
