package io.keyward.ca.security;

import io.keyward.edge.actuator.MetricsScrapers;
import io.keyward.edge.caller.ServiceEdge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static io.keyward.edge.caller.Scopes.authority;

/**
 * The API is for internal callers only, each with its own token and scopes
 * ({@code keyward.edge.callers.*}, {@link ServiceEdge}): the gateway issues (and which
 * templates it may use is {@code keyward.ca.caller-templates}), reads the CA chain and
 * single certificates (GetCert), relays CRL and OCSP, and revokes the certificate a
 * renewal superseded where a profile says so; the admin-ui reads, searches and revokes.
 * Health and info stay open for probes, metrics for scrapers on this host or on the
 * management port ({@link MetricsScrapers}); everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ServiceEdge edge, Environment environment) throws Exception {
		edge.callerApi(http, "/**")
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
						.permitAll()
						.requestMatchers(MetricsScrapers.matcher(environment))
						.permitAll()
						.requestMatchers("/error")
						.permitAll()
						// the policy check answers what issuance would: the same scope
						.requestMatchers(HttpMethod.POST, "/api/v1/certificates", "/api/v1/policy-check")
						.hasAuthority(authority("certificates:issue"))
						// preparing the next CA and its switch-over (CA rollover)
						.requestMatchers(HttpMethod.POST, "/api/v1/ca/next")
						.hasAuthority(authority("ca:rollover"))
						// the CA keys as the SCEP recipient: open an envelope addressed
						// to the CA,
						// sign a CertRep (RFC 8894 section 2.2); the gateway only
						.requestMatchers(HttpMethod.POST, "/api/v1/scep-recipient/envelopes",
								"/api/v1/scep-recipient/cert-reps")
						.hasAuthority(authority("scep:ca-recipient"))
						.requestMatchers(HttpMethod.POST, "/api/v1/ra-certificates")
						.hasAuthority(authority("ra-certificates:issue"))
						.requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/revoke")
						.hasAuthority(authority("certificates:revoke"))
						// the CA chain and the CA and OCSP signing certificates: public
						// data the
						// gateway needs for GetCACert, GetCert and GetCRL
						.requestMatchers(HttpMethod.GET, "/api/v1/ca", "/api/v1/authorities")
						.hasAuthority(authority("ca:read"))
						.requestMatchers(HttpMethod.GET, "/api/v1/statistics/certificates")
						.hasAuthority(authority("statistics:read"))
						// the templates' policy, for the dashboard's Profiles page
						.requestMatchers(HttpMethod.GET, "/api/v1/templates")
						.hasAuthority(authority("templates:read"))
						.requestMatchers(HttpMethod.GET, "/api/v1/certificates", "/api/v1/certificates/search",
								"/api/v1/certificates/correlated/*")
						.hasAuthority(authority("certificates:read"))
						// one certificate by serial: the gateway answers SCEP GetCert
						// with it
						// (RFC 8894 section 3.3.4)
						.requestMatchers(HttpMethod.GET, "/api/v1/certificates/*")
						.hasAuthority(authority("certificates:lookup"))
						.requestMatchers(HttpMethod.GET, "/api/v1/crl/*")
						.hasAuthority(authority("revocation-status:read"))
						.requestMatchers(HttpMethod.POST, "/api/v1/ocsp")
						.hasAuthority(authority("revocation-status:read"))
						// the API's description: the published docs/api file, for any
						// caller
						.requestMatchers(HttpMethod.GET, "/api/v1/openapi")
						.authenticated()
						.anyRequest()
						.denyAll());
		return http.build();
	}

}
