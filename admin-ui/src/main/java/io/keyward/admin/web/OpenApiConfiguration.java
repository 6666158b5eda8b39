package io.keyward.admin.web;

import io.keyward.edge.openapi.ApiDescriptions;
import io.swagger.v3.oas.models.OpenAPI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API's OpenAPI description, served at {@code /api/v1/openapi} and published in
 * {@code docs/api/admin-api.openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI adminApiDescription() {
		return ApiDescriptions.withBearerToken("Keyward admin API",
				"Certificates (search, read, revoke), enrollment requests and approvals, CA and RA "
						+ "certificates, admin API tokens, MDM API clients. Authenticate with an admin API token as a bearer token; "
						+ "each operation needs one scope. Errors are RFC 9457 problem documents.",
				"adminToken");
	}

}
