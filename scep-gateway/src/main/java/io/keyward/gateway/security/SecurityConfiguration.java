package io.keyward.gateway.security;

import io.keyward.edge.caller.ServiceEdge;
import io.keyward.edge.caller.StatelessApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static io.keyward.edge.caller.Scopes.authority;

/**
 * Three filter chains, all stateless ({@link StatelessApi}): the SCEP routes, the CRL and
 * OCSP are open (SCEP authorises by challengePassword, RFC 8894 section 2.4, and runs
 * over plain HTTP, section 7.10); the REST API wants the admin-ui's token with the scope
 * of each call ({@link ServiceEdge}); the rest is the actuator's health, info and
 * prometheus endpoints.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain scepSecurity(HttpSecurity http) throws Exception {
		// the CRL and OCSP are public by nature (RFC 5280 section 4.2.1.13, RFC 6960):
		// relying parties fetch them without credentials
		// the NDES admin page is forwarded with its Authorization header to the
		// challenge-service, which authenticates the MDM (HTTP Basic)
		StatelessApi
			.chain(http, "/scep/**", "/certsrv/mscep/**", "/certsrv/mscep_admin", "/certsrv/mscep_admin/", "/crl/**",
					"/ocsp", "/ocsp/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, ServiceEdge edge) throws Exception {
		// only the admin-ui calls the gateway's API: it reads transactions, the RA
		// certificates and the profiles, and decides approvals (docs/security.md)
		edge.callerApi(http, "/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/transactions")
				.hasAuthority(authority("transactions:read"))
				.requestMatchers(HttpMethod.POST, "/api/v1/transactions/*/approve", "/api/v1/transactions/*/reject")
				.hasAuthority(authority("requests:decide"))
				.requestMatchers(HttpMethod.GET, "/api/v1/ra", "/api/v1/ra/tls")
				.hasAuthority(authority("ra:read"))
				.requestMatchers(HttpMethod.GET, "/api/v1/statistics/enrollments")
				.hasAuthority(authority("statistics:read"))
				.requestMatchers(HttpMethod.GET, "/api/v1/profiles")
				.hasAuthority(authority("profiles:read"))
				.requestMatchers(HttpMethod.GET, "/api/v1/refusals")
				.hasAuthority(authority("refusals:read"))
				// the API's description: the published docs/api file, for its caller
				.requestMatchers(HttpMethod.GET, "/api/v1/openapi")
				.authenticated()
				.anyRequest()
				.denyAll());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain otherSecurity(HttpSecurity http) throws Exception {
		StatelessApi.chain(http, "/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
						"/livez", "/readyz", "/error")
				.permitAll()
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
