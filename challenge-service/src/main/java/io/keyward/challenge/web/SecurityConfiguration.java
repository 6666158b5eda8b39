package io.keyward.challenge.web;

import io.keyward.edge.actuator.MetricsScrapers;
import io.keyward.edge.caller.BearerTokenAuthenticationFilter;
import io.keyward.edge.caller.Scopes;
import io.keyward.edge.caller.ServiceEdge;
import io.keyward.edge.caller.StatelessApi;
import io.keyward.challenge.apiclient.ApiClientController;
import io.keyward.challenge.apiclient.ApiKeyAuthentication;
import io.keyward.challenge.apiclient.ApiScopes;
import io.keyward.challenge.onetime.ChallengeAdministrationController;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * One stateless filter chain per caller kind, each knowing only its own credential:
 * <ul>
 * <li>{@code /internal/**}: internal callers' tokens ({@link ServiceEdge}); redeeming
 * needs the {@code challenges:redeem} scope, which only the scep-gateway has (an MDM API
 * key is not accepted there: 401); publishing enrollment events needs
 * {@code events:publish} (the scep-gateway and the ca-adapter), listing and replaying
 * webhook dead letters {@code events:manage} (the admin-ui), managing MDM API clients
 * {@code api-clients:manage} (the admin-ui), listing, minting by hand and revoking an MDM
 * API client's challenges {@code challenges:manage} (the admin-ui);</li>
 * <li>{@code /api/**}: MDM API keys, minting with the {@code challenge:mint} scope,
 * reading, listing and revoking its own challenges with {@code challenge:read},
 * {@code challenge:list} and {@code challenge:revoke} (a service token is not accepted
 * there: 401; a key without the scope: 403). Internal callers do not mint, so that the
 * component that redeems challenges cannot also create them;</li>
 * <li>the MDM dialects that authenticate with HTTP Basic
 * ({@code GET /certsrv/mscep_admin/}, {@code GET /challenge},
 * {@code POST /webhooks/jamf/scep-challenge}): only those methods pass this chain; their
 * controllers check the client's name and key ({@code BasicApiClientAuthentication}), its
 * {@code challenge:mint} scope and its profiles, because the answers to a wrong caller
 * are the dialects' own (NDES's no-permission page, a bare 401 with
 * {@code WWW-Authenticate: Basic});</li>
 * <li>{@code /actuator/**}: health and info open, prometheus to scrapers on this host or
 * on the management port ({@link MetricsScrapers}), the rest refused;</li>
 * <li>everything else refused.</li>
 * </ul>
 * CSRF protection is off: no chain uses cookies or sessions, a bearer token cannot be
 * sent by a cross-site form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain internalApi(HttpSecurity http, ServiceEdge edge) throws Exception {
		return edge.callerApi(http, "/internal/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/internal/v1/redemptions", "/internal/v1/redemptions/preview",
						"/internal/v1/redemptions/release")
				.hasAuthority(Scopes.authority("challenges:redeem"))
				.requestMatchers(HttpMethod.POST, "/internal/v1/events", "/internal/v1/events/batch")
				.hasAuthority(Scopes.authority("events:publish"))
				.requestMatchers("/internal/v1/webhook-deliveries", "/internal/v1/webhook-deliveries/**")
				.hasAuthority(Scopes.authority("events:manage"))
				.requestMatchers("/internal/v1/api-clients", "/internal/v1/api-clients/**")
				.hasAuthority(Scopes.authority(ApiClientController.MANAGE))
				.requestMatchers(HttpMethod.GET, "/internal/v1/challenge-profiles")
				.hasAuthority(Scopes.authority("challenge-profiles:read"))
				.requestMatchers(HttpMethod.GET, "/internal/v1/challenge-lives/*")
				.hasAuthority(Scopes.authority("challenges:read"))
				.requestMatchers("/internal/v1/challenges", "/internal/v1/challenges/**")
				.hasAuthority(Scopes.authority(ChallengeAdministrationController.MANAGE))
				.anyRequest()
				.denyAll())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain mdmApi(HttpSecurity http, ApiKeyAuthentication apiKeys) throws Exception {
		return bearerApi(http, "/api/**")
			.addFilterBefore(new BearerTokenAuthenticationFilter(apiKeys::authenticate), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/challenges")
				.hasAuthority(ApiScopes.authority(ApiScopes.CHALLENGE_MINT))
				.requestMatchers(HttpMethod.GET, "/api/v1/challenges")
				.hasAuthority(ApiScopes.authority(ApiScopes.CHALLENGE_LIST))
				.requestMatchers(HttpMethod.GET, "/api/v1/challenges/*")
				.hasAuthority(ApiScopes.authority(ApiScopes.CHALLENGE_READ))
				.requestMatchers(HttpMethod.DELETE, "/api/v1/challenges/*")
				.hasAuthority(ApiScopes.authority(ApiScopes.CHALLENGE_REVOKE))
				// the description of this service's APIs: the published docs/api file
				.requestMatchers(HttpMethod.GET, "/api/v1/openapi")
				.authenticated()
				.anyRequest()
				.authenticated())
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain mdmDialects(HttpSecurity http) throws Exception {
		return bearerApi(http, "/certsrv/mscep_admin", "/certsrv/mscep_admin/", "/challenge",
				"/webhooks/jamf/scep-challenge")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/certsrv/mscep_admin", "/certsrv/mscep_admin/", "/challenge")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/webhooks/jamf/scep-challenge")
				.permitAll()
				.anyRequest()
				.denyAll())
			.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain actuator(HttpSecurity http, Environment environment) throws Exception {
		return bearerApi(http, "/actuator/**")
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
						.permitAll()
						.requestMatchers(MetricsScrapers.matcher(environment))
						.permitAll()
						.anyRequest()
						.denyAll())
			.build();
	}

	@Bean
	@Order(5)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return bearerApi(http, "/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll().anyRequest().denyAll())
			.build();
	}

	private HttpSecurity bearerApi(HttpSecurity http, String... patterns) throws Exception {
		return StatelessApi.chain(http, patterns);
	}

}
