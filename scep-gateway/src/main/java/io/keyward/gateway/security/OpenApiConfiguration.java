package io.keyward.gateway.security;

import io.keyward.edge.openapi.ApiDescriptions;
import io.swagger.v3.oas.models.OpenAPI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's REST API's OpenAPI description, served at {@code /api/v1/openapi} to its
 * authenticated caller (the admin-ui) and published in
 * {@code docs/api/scep-gateway.openapi.json}; the SCEP routes are not REST and not in it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI apiDescription() {
		return ApiDescriptions.withBearerToken("Keyward scep-gateway API",
				"The SCEP transactions (the enrollment log, approvals of pending requests) and the RA certificates, for the admin-ui: it authenticates with its token as a bearer token, and each operation needs one scope (docs/security.md). The SCEP wire protocol itself is described in docs/protocol.md. Errors are RFC 9457 problem documents.",
				"callerToken");
	}

}
