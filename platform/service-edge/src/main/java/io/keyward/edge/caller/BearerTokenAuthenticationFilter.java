package io.keyward.edge.caller;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} and, when a resolver recognises the token,
 * puts the resulting {@link Authentication} in the security context. An unknown or absent
 * token leaves the context empty, so the filter chain's entry point answers 401.
 */
public class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String PREFIX = "bearer ";

	private final Function<String, Authentication> resolver;

	/**
	 * @param resolver maps a presented token to an authenticated principal, or null when
	 * it is not valid
	 */
	public BearerTokenAuthenticationFilter(Function<String, Authentication> resolver) {
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = bearerToken(request);
		if (token != null) {
			Authentication authentication = this.resolver.apply(token);
			if (authentication != null) {
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
		}
		chain.doFilter(request, response);
	}

	static String bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.length() <= PREFIX.length()
				|| !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
			return null;
		}
		return header.substring(PREFIX.length()).strip();
	}

}
