package io.keyward.ca.security;

import io.keyward.api.security.BearerTokenAuthenticationFilter;
import io.keyward.api.security.ProblemAuthenticationEntryPoint;
import io.keyward.api.security.ServiceTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The API is for internal services only: a service token as bearer token, no sessions, no
 * CSRF (nothing is authenticated by cookies). Health, info and metrics stay open for
 * probes and scrapers; everything else needs {@code ROLE_SERVICE}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

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
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties) {
		ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
		// not a bean, so the servlet container does not also register it as a plain
		// filter
		BearerTokenAuthenticationFilter bearer = BearerTokenAuthenticationFilter
			.forServices(ServiceTokens.of(properties.serviceTokens()));
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers("/api/**")
				.hasRole("SERVICE")
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
