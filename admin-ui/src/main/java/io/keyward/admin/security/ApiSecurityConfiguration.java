package io.keyward.admin.security;

import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokenAuthentication;
import io.keyward.edge.caller.BearerTokenAuthenticationFilter;
import io.keyward.edge.caller.StatelessApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The admin API ({@code /api/**}): admin API tokens only, each call allowed by one scope,
 * stateless. A dashboard session cookie is not accepted here (401), so a cross-site page
 * cannot drive the API through a signed-in admin's browser; a service token or an MDM key
 * is not an admin token either (401). No CSRF tokens: nothing here reads cookies.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain adminApi(HttpSecurity http, AdminTokenAuthentication tokens) throws Exception {
		StatelessApi.chain(http, "/api/**")
			.addFilterBefore(new BearerTokenAuthenticationFilter(tokens::authenticate), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/revoke")
				.hasAuthority(AdminScope.CERTIFICATES_REVOKE.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/certificates", "/api/v1/certificates/*",
						"/api/v1/authorities")
				.hasAuthority(AdminScope.CERTIFICATES_READ.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/requests/*/approve", "/api/v1/requests/*/reject")
				.hasAuthority(AdminScope.REQUESTS_DECIDE.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/requests", "/api/v1/requests/*")
				.hasAuthority(AdminScope.REQUESTS_READ.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/enrollments", "/api/v1/enrollments/*")
				.hasAuthority(AdminScope.ENROLLMENTS_READ.authority())
				.requestMatchers(HttpMethod.POST, "/api/v1/authorities/next")
				.hasAuthority(AdminScope.AUTHORITIES_ROLLOVER.authority())
				.requestMatchers("/api/v1/tokens", "/api/v1/tokens/*")
				.hasAuthority(AdminScope.TOKENS_MANAGE.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify")
				.hasAuthority(AdminScope.AUDIT_READ.authority())
				.requestMatchers("/api/v1/mdm-clients", "/api/v1/mdm-clients/**")
				.hasAuthority(AdminScope.MDM_CLIENTS_MANAGE.authority())
				.requestMatchers("/api/v1/webhook-deliveries", "/api/v1/webhook-deliveries/**")
				.hasAuthority(AdminScope.WEBHOOKS_MANAGE.authority())
				.requestMatchers("/api/v1/admins", "/api/v1/admins/**")
				.hasAuthority(AdminScope.ADMINS_MANAGE.authority())
				.requestMatchers("/api/v1/challenges", "/api/v1/challenges/**")
				.hasAuthority(AdminScope.CHALLENGES_MANAGE.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/profiles", "/api/v1/templates")
				.hasAuthority(AdminScope.PROFILES_READ.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/refusals")
				.hasAuthority(AdminScope.REFUSALS_READ.authority())
				.requestMatchers(HttpMethod.GET, "/api/v1/openapi", "/api/v1/openapi.yaml")
				.authenticated()
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
