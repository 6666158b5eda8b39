package io.keyward.ca.issuance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Which templates each caller may have a certificate issued under. The general issuance
 * API ({@code POST /api/v1/certificates}) serves a caller only the templates configured
 * for it ({@code keyward.ca.caller-templates.<caller>}, for the gateway: the templates
 * its profiles name) and never one of the gateway's own templates (RA, TLS server); the
 * RA path ({@code POST /api/v1/ra-certificates}) serves only those. Which caller may use
 * which path at all is a scope ({@code certificates:issue},
 * {@code ra-certificates:issue}).
 */
@Component
class IssuanceGrants {

	/**
	 * The templates of the gateway's own certificates: its RA certificates (RFC 8894
	 * section 2.1.1.1) and its TLS server certificate.
	 */
	static final Set<String> RA_TEMPLATES = Set.of("ra-signing", "ra-encryption", "tls-server");

	private final Map<String, List<String>> callerTemplates;

	IssuanceGrants(Properties properties) {
		this.callerTemplates = properties.callerTemplates();
	}

	/**
	 * @param caller the authenticated caller's name
	 * @return the templates it may use on the general issuance API
	 */
	Predicate<String> general(String caller) {
		List<String> granted = this.callerTemplates.getOrDefault(caller, List.of());
		return (template) -> !RA_TEMPLATES.contains(template) && granted.stream().anyMatch(template::equals);
	}

	/**
	 * @return the templates the RA path issues
	 */
	Predicate<String> ra() {
		return RA_TEMPLATES::contains;
	}

	/**
	 * @param callerTemplates template names by caller name
	 * ({@code keyward.ca.caller-templates.gateway=default,wifi})
	 */
	@ConfigurationProperties("keyward.ca")
	record Properties(@DefaultValue Map<String, List<String>> callerTemplates) {
	}

}
