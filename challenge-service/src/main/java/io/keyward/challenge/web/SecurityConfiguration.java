package io.keyward.challenge.web;

import java.util.Arrays;

import io.keyward.api.security.BearerTokenAuthenticationFilter;
import io.keyward.api.security.StatelessApi;
import io.keyward.api.security.ServiceTokens;
import io.keyward.challenge.apiclient.ApiKeyAuthentication;
import io.keyward.challenge.apiclient.ApiScopes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * One stateless filter chain per caller kind, each knowing only its own credential:
 * <ul>
 * <li>{@code /internal/**}: the scep-gateway's service token (an MDM API key is not
 * accepted there: 401);</li>
 * <li>{@code /api/**}: MDM API keys with the {@code challenge:mint} scope (a service
 * token is not accepted there: 401; a key without the scope: 403). Internal callers do
 * not mint, so that the component that redeems challenges cannot also create them;</li>
 * <li>{@code /actuator/**}: health, info and prometheus open, the rest refused;</li>
 * <li>everything else refused.</li>
 * </ul>
 * CSRF protection is off: no chain uses cookies or sessions, a bearer token cannot be
 * sent by a cross-site form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No Micrometer observations of the security filter chains: they wrap every filter
	 * and start timers on each request of the enrollment path, while
	 * {@code http.server.requests} already measures every request.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain internalApi(HttpSecurity http, @Value("${keyward.security.service-tokens:}") String tokens)
			throws Exception {
		ServiceTokens serviceTokens = ServiceTokens.of(Arrays.asList(tokens.split(",")));
		return bearerApi(http, "/internal/**")
			.addFilterBefore(BearerTokenAuthenticationFilter.forServices(serviceTokens), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("SERVICE"))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain mdmApi(HttpSecurity http, ApiKeyAuthentication apiKeys) throws Exception {
		return bearerApi(http, "/api/**")
			.addFilterBefore(new BearerTokenAuthenticationFilter(apiKeys::authenticate), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/challenges")
				.hasAuthority(ApiScopes.authority(ApiScopes.CHALLENGE_MINT))
				.anyRequest()
				.authenticated())
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain actuator(HttpSecurity http) throws Exception {
		return bearerApi(http, "/actuator/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.denyAll())
			.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return bearerApi(http, "/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll().anyRequest().denyAll())
			.build();
	}

	private HttpSecurity bearerApi(HttpSecurity http, String pattern) throws Exception {
		return StatelessApi.chain(http, pattern);
	}

}
