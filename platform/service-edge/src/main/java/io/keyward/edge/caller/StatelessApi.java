package io.keyward.edge.caller;

import io.keyward.edge.problem.ProblemAuthenticationEntryPoint;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The one shape of a bearer-token API's filter chain: no cookies, sessions, CSRF tokens,
 * form or basic login, no anonymous caller; a missing or refused credential answers an
 * RFC 9457 problem (401), a missing scope 403.
 */
public final class StatelessApi {

	private static final ProblemAuthenticationEntryPoint PROBLEMS = new ProblemAuthenticationEntryPoint();

	private StatelessApi() {
	}

	/**
	 * @param http the chain being built
	 * @param patterns the paths it serves
	 * @return the chain, for the caller's credential filter and authorisation rules
	 */
	public static HttpSecurity chain(HttpSecurity http, String... patterns) throws Exception {
		return http.securityMatcher(patterns)
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(PROBLEMS).accessDeniedHandler(PROBLEMS));
	}

}
