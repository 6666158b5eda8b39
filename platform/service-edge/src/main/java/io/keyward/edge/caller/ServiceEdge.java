package io.keyward.edge.caller;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The one way a service guards its internal API: a stateless chain ({@link StatelessApi})
 * whose only credential is a configured caller's bearer token. The service then says
 * which scope each path needs.
 */
public class ServiceEdge {

	private final Callers callers;

	public ServiceEdge(Callers callers) {
		this.callers = callers;
	}

	/**
	 * @param http the chain being built
	 * @param patterns the paths internal callers use
	 * @return the chain, for the service's authorisation rules
	 * @throws CallerCredentialsInvalid when no caller has a token: a service whose
	 * internal API nobody could call is misconfigured, and refuses to start
	 */
	public HttpSecurity callerApi(HttpSecurity http, String... patterns) throws Exception {
		if (this.callers.isEmpty()) {
			throw new CallerCredentialsInvalid(
					"no internal caller has a token: set keyward.edge.callers.<caller>.tokens for "
							+ String.join(", ", patterns));
		}
		// not a bean, so the servlet container does not also register it as a plain
		// filter
		return StatelessApi.chain(http, patterns)
			.addFilterBefore(new BearerTokenAuthenticationFilter(this.callers::authenticate),
					AuthorizationFilter.class);
	}

	public Callers callers() {
		return this.callers;
	}

}
