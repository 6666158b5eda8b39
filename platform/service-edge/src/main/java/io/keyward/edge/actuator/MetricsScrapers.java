package io.keyward.edge.actuator;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may read {@code /actuator/prometheus} without credentials: a scraper on the same
 * host (the request comes from a loopback address), or anyone who can reach the
 * management listener when the operator gave the service one
 * ({@code management.server.port}, bound with {@code management.server.address} to where
 * Prometheus scrapes from), as the gateway has by default. From anywhere else the metrics
 * path falls through to the service's other rules: refused, or on the admin-ui only for a
 * signed-in admin. Metrics name profiles, templates, callers and counts of refusals: not
 * for whoever can reach a service port.
 */
public final class MetricsScrapers {

	/** The metrics endpoint. */
	public static final String PATH = "/actuator/prometheus";

	private MetricsScrapers() {
	}

	/**
	 * @param environment where {@code management.server.port} is read
	 * @return a matcher for {@value #PATH} requests from loopback or on the management
	 * port
	 */
	public static RequestMatcher matcher(Environment environment) {
		Integer managementPort = environment.getProperty("management.server.port", Integer.class);
		RequestMatcher path = PathPatternRequestMatcher.withDefaults().matcher(PATH);
		return (request) -> path.matches(request)
				&& (fromLoopback(request) || onManagementPort(request, managementPort));
	}

	private static boolean onManagementPort(HttpServletRequest request, Integer managementPort) {
		return managementPort != null && managementPort > 0 && request.getLocalPort() == managementPort;
	}

	private static boolean fromLoopback(HttpServletRequest request) {
		try {
			// an address literal: no name lookup
			return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
