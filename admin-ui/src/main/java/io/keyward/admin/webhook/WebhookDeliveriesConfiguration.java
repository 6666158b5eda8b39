package io.keyward.admin.webhook;

import java.net.URI;

import io.keyward.admin.AdminProperties;
import io.keyward.api.event.WebhookDeliveryClient;
import io.keyward.edge.caller.ServiceClients;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The challenge-service's dead-letter API, called with the admin-ui's token (caller
 * {@code admin-ui}, scope {@code events:manage}) at {@code keyward.admin.challenge-url}.
 */
@Configuration(proxyBeanMethods = false)
class WebhookDeliveriesConfiguration {

	@Bean
	WebhookDeliveryClient webhookDeliveryClient(RestClient.Builder builder, AdminProperties properties,
			@Value("${keyward.admin.challenge-url:http://127.0.0.1:8081}") URI challengeUrl) {
		return ServiceClients.create(builder, challengeUrl.toString(),
				properties.hasServiceToken() ? properties.serviceToken() : "", properties.timeout(),
				WebhookDeliveryClient.class);
	}

}
