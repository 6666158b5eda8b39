package io.keyward.edge.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The head of every service's OpenAPI description (springdoc writes the paths from the
 * controllers): a title, what the API is for and who calls it, and the one credential
 * every operation wants, a bearer token. Each service serves it at
 * {@code /api/v1/openapi} to its authenticated callers and publishes it in
 * {@code docs/api/}.
 */
public final class ApiDescriptions {

	private ApiDescriptions() {
	}

	/**
	 * @param title the API's title
	 * @param summary what it does, who calls it, with which credential
	 * @param scheme the name of its bearer-token security scheme
	 * @return the description's head
	 */
	public static OpenAPI withBearerToken(String title, String summary, String scheme) {
		return new OpenAPI().info(new Info().title(title).version("v1").description(summary))
			.components(new Components().addSecuritySchemes(scheme,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList(scheme));
	}

}
