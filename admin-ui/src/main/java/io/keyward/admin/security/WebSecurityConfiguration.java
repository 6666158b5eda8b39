package io.keyward.admin.security;

import java.util.Map;

import io.keyward.admin.account.AccountStateFilter;
import io.keyward.admin.account.AdminAccounts;
import io.keyward.admin.account.AdminRole;
import io.keyward.admin.audit.AdminActions;
import io.keyward.edge.actuator.MetricsScrapers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Browser security for the dashboard: form login with our own page, CSRF tokens on every
 * state-changing request (the session-backed default repository; Thymeleaf puts the token
 * into each {@code th:action} form), logout only by POST, Spring Security's default
 * headers plus a Content-Security-Policy that allows no inline script or style and no
 * framing. Actuator health, info and prometheus stay open for probes and scraping.
 * Passwords are checked by {@link ThrottledSignIn}; every session is registered with
 * {@link AdminSessions} so a password change can end the others.
 * <p>
 * Roles by HTTP method (docs/admin-dashboard.md "Admins and roles"): every page read
 * (GET, HEAD) is open to any signed-in admin; every change is a POST and needs
 * ADMINISTRATOR, except approval decisions (ADMINISTRATOR or APPROVER) and the admin's
 * own password change and sign-out (anyone). Anything not listed needs ADMINISTRATOR, so
 * a page added later is closed to the other roles until it is listed here. The
 * {@link AccountStateFilter} reads the account on each request, so a disabled account's
 * session ends and a changed role applies at once.
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
	SecurityFilterChain dashboardSecurity(HttpSecurity http, ThrottledSignIn signIn,
			AuthenticationEventPublisher events, AdminSessions sessions, AdminAccounts accounts, AdminActions actions,
			Environment environment) throws Exception {
		// metrics without sign-in only for a scraper on this host or on the management
		// port (MetricsScrapers); from elsewhere they need a signed-in admin
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
					.permitAll()
					.requestMatchers(MetricsScrapers.matcher(environment))
					.permitAll()
					.requestMatchers("/login", "/css/**", "/favicon.ico", "/favicon.svg", "/error")
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/**")
					.authenticated()
					.requestMatchers(HttpMethod.HEAD, "/**")
					.authenticated()
					.requestMatchers(HttpMethod.POST, "/account/password", "/logout")
					.authenticated()
					.requestMatchers(HttpMethod.POST, "/requests/*/approve", "/requests/*/reject")
					.hasAnyAuthority(AdminRole.ADMINISTRATOR.authority(), AdminRole.APPROVER.authority())
					.anyRequest()
					.hasAuthority(AdminRole.ADMINISTRATOR.authority()))
			.addFilterBefore(new AccountStateFilter(accounts), AuthorizationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(RoleRefusal.handler(actions)))
			.requestCache((cache) -> cache.requestCache(savedPageWithoutMarker()))
			.authenticationManager(signIn.manager(events))
			.formLogin((form) -> form.loginPage("/login").failureHandler(ThrottledSignIn.failureHandler()).permitAll())
			.sessionManagement((session) -> session.maximumSessions(-1)
				.sessionRegistry(sessions.registry())
				.expiredUrl("/login?expired"))
			.logout(Customizer.withDefaults())
			.csrf(Customizer.withDefaults())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * Where sign-in returns to: the page the admin asked for, at its own clean URL. By
	 * default Spring Security marks the saved request with {@code ?continue} and only
	 * looks it up on requests that carry the marker, so the admin lands on
	 * {@code /?continue}; without the marker it checks the session on each request.
	 */
	private static HttpSessionRequestCache savedPageWithoutMarker() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setMatchingRequestParameterName(null);
		return cache;
	}

	/**
	 * Spring Security's publisher, told that a {@link SignInThrottled} is a locked
	 * account: it maps exception classes exactly, and an unmapped one publishes nothing,
	 * so the failure that starts a lock would reach neither the log nor the audit log.
	 */
	@Bean
	DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
		events.setAdditionalExceptionMappings(Map.of(SignInThrottled.class, AuthenticationFailureLockedEvent.class));
		return events;
	}

	/**
	 * Tells {@link AdminSessions}' registry when a session ends (sign-out, time-out).
	 */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

}
