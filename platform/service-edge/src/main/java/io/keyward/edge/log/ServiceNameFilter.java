package io.keyward.edge.log;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the service in the MDC ({@link ServiceName}) while one of its request threads
 * serves a request: registered first, so that every line of the request names it, the
 * security chain's and the error page's too.
 */
public class ServiceNameFilter extends OncePerRequestFilter {

	private final String name;

	public ServiceNameFilter(String name) {
		this.name = name;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (CorrelationIds.Scope named = ServiceName.inMdc(this.name)) {
			chain.doFilter(request, response);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
