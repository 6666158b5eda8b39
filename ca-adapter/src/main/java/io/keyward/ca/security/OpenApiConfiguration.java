package io.keyward.ca.security;

import io.keyward.edge.openapi.ApiDescriptions;
import io.swagger.v3.oas.models.OpenAPI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ca-adapter API's OpenAPI description, served at {@code /api/v1/openapi} to any
 * authenticated caller and published in {@code docs/api/ca-adapter.openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI apiDescription() {
		return ApiDescriptions.withBearerToken("Keyward ca-adapter API",
				"Issue (policy applied by the template), look up, search and revoke certificates; the CA chain, CRLs and OCSP; RA certificates; the CA keys as the SCEP recipient; CA rollover. For the other Keyward services only: each caller authenticates with its own token as a bearer token, and each operation needs one scope (docs/security.md). Errors are RFC 9457 problem documents.",
				"callerToken");
	}

}
