package io.keyward.gateway.revocation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * An OCSP request by GET is the URL-encoded base64 of the DER request in the path (RFC
 * 6960 appendix A.1), and base64 has {@code /}: clients send it as {@code %2F}, which
 * Tomcat and Spring Security's strict firewall refuse with 400 by default. Tomcat passes
 * it through undecoded (so it never becomes a path separator for routing), and requests
 * under {@code /ocsp/} go through a firewall that allows it (and still refuses paths that
 * are not normalized); every other request keeps the strict firewall.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {

	@Bean
	TomcatConnectorCustomizer encodedSlashPassThrough() {
		return (connector) -> connector.setEncodedSolidusHandling("passthrough");
	}

	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall strict = new StrictHttpFirewall();
		DefaultHttpFirewall ocspGet = new DefaultHttpFirewall();
		ocspGet.setAllowUrlEncodedSlash(true);
		return new HttpFirewall() {

			@Override
			public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
				boolean ocsp = "GET".equals(request.getMethod()) && request.getRequestURI().startsWith("/ocsp/");
				return ocsp ? ocspGet.getFirewalledRequest(request) : strict.getFirewalledRequest(request);
			}

			@Override
			public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
				return strict.getFirewalledResponse(response);
			}

		};
	}

}
