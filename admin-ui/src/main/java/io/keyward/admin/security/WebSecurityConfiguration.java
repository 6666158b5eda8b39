package io.keyward.admin.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Browser security for the dashboard: form login with our own page, CSRF tokens on every
 * state-changing request (the session-backed default repository; Thymeleaf puts the token
 * into each {@code th:action} form), logout only by POST, Spring Security's default
 * headers plus a Content-Security-Policy that allows no inline script or style and no
 * framing. Actuator health, info and prometheus stay open for probes and scraping.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	/**
	 * Nothing is loaded from elsewhere and nothing is inline, so subject DNs that slip
	 * through as markup still could not run script.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "object-src 'none'; frame-ancestors 'none'";

	@Bean
	@Order(2)
	SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.requestMatchers("/login", "/css/**", "/favicon.ico", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").permitAll())
			.logout(Customizer.withDefaults())
			.csrf(Customizer.withDefaults())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
