package io.keyward.challenge.web;

import io.keyward.edge.openapi.ApiDescriptions;
import io.swagger.v3.oas.models.OpenAPI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The challenge-service's OpenAPI description (the MDM API and the internal API), served
 * at {@code /api/v1/openapi} to any authenticated MDM API client and published in
 * {@code docs/api/challenge-service.openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI apiDescription() {
		return ApiDescriptions.withBearerToken("Keyward challenge-service API",
				"The MDM API (/api/v1/**): mint, read, list and revoke one-time challenge passwords, authenticated with an MDM API key as a bearer token, each operation with one scope. The internal API (/internal/v1/**): redemption by the scep-gateway, enrollment events, webhook dead letters, MDM API clients and challenge lives, authenticated with the calling service token. Errors are RFC 9457 problem documents.",
				"bearerToken");
	}

}
