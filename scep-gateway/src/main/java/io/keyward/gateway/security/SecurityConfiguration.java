package io.keyward.gateway.security;

import io.keyward.api.security.BearerTokenAuthenticationFilter;
import io.keyward.api.security.ProblemAuthenticationEntryPoint;
import io.keyward.api.security.ServiceTokens;
import io.keyward.gateway.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Three filter chains: the SCEP routes, the CRL and OCSP are open (SCEP authorises by
 * challengePassword, RFC 8894 section 2.4, and runs over plain HTTP, section 7.10); the
 * REST API wants a service token; the rest is the actuator's health, info and prometheus
 * endpoints.
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

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain scepSecurity(HttpSecurity http) throws Exception {
		// the CRL and OCSP are public by nature (RFC 5280 section 4.2.1.13, RFC 6960):
		// relying parties fetch them without credentials
		http.securityMatcher("/scep/**", "/certsrv/mscep/**", "/crl/**", "/ocsp", "/ocsp/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return stateless(http).build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, PlatformProperties properties) throws Exception {
		ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
		http.securityMatcher("/api/**")
			.addFilterBefore(serviceTokenFilter(properties), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("SERVICE"))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return stateless(http).build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain otherSecurity(HttpSecurity http) throws Exception {
		ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
					"/livez", "/readyz", "/error")
			.permitAll()
			.anyRequest()
			.denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return stateless(http).build();
	}

	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
	}

	/**
	 * Without a configured token the API answers 401 to everyone rather than keeping the
	 * SCEP endpoint from starting.
	 */
	private static BearerTokenAuthenticationFilter serviceTokenFilter(PlatformProperties properties) {
		try {
			return BearerTokenAuthenticationFilter.forServices(ServiceTokens.of(properties.security().serviceTokens()));
		}
		catch (IllegalArgumentException ex) {
			log.warn("event=service_tokens_missing detail=\"{}\": /api/** answers 401", ex.getMessage());
			return new BearerTokenAuthenticationFilter((token) -> null);
		}
	}

}
