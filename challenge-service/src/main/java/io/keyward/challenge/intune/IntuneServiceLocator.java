package io.keyward.challenge.intune;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * Intune's service discovery through Microsoft Graph: the endpoints of Intune's service
 * principal ({@code GET /v1.0/servicePrincipals/appId=<intune app id>/endpoints}), read
 * as {@code providerName} (case-insensitive) to {@code uri}. The map is cached, read
 * again when a name is missing, and forgotten when a call to a discovered endpoint finds
 * no host, as the connector library does.
 */
class IntuneServiceLocator {

	private static final Logger log = LoggerFactory.getLogger(IntuneServiceLocator.class);

	/** Validation and notifications. */
	static final String VALIDATION_SERVICE = "ScepRequestValidationFEService";

	/** The revocation feed. */
	static final String CONNECTOR_SERVICE = "PkiConnectorFEService";

	private final IntuneProperties properties;

	private final RestClient http;

	private final EntraTokens tokens;

	private final AtomicReference<Map<String, String>> endpoints = new AtomicReference<>(Map.of());

	IntuneServiceLocator(IntuneProperties properties, RestClient http, EntraTokens tokens) {
		this.properties = properties;
		this.http = http;
		this.tokens = tokens;
	}

	/**
	 * @param service for example {@link #VALIDATION_SERVICE}
	 * @return its base URI, without a trailing slash
	 * @throws IntuneUnavailableException when Graph does not answer or does not list it
	 * (usually the app lacks Application.Read.All)
	 */
	String uriOf(String service) {
		String key = service.toLowerCase(Locale.ROOT);
		String uri = this.endpoints.get().get(key);
		if (uri == null) {
			this.endpoints.set(discover());
			uri = this.endpoints.get().get(key);
		}
		if (uri == null) {
			log.warn("event=intune_service_not_found service={}", service);
			throw new IntuneUnavailableException("discovery", service + " not among Intune's endpoints");
		}
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	/**
	 * Forget the discovered endpoints, after a call to one failed to reach it.
	 */
	void forget() {
		this.endpoints.set(Map.of());
	}

	private Map<String, String> discover() {
		String scope = this.properties.graphUrl().resolve("/.default").toString();
		URI uri = this.properties.graphUrl()
			.resolve("v1.0/servicePrincipals/appId=" + this.properties.intuneAppId() + "/endpoints");
		Map<?, ?> answer;
		try {
			answer = read(uri, scope);
		}
		catch (IntuneCalls.Status ex) {
			if (ex.status() != 401) {
				throw ex;
			}
			// a token Graph no longer takes (revoked, or expired early): one more, once
			this.tokens.drop(scope);
			answer = read(uri, scope);
		}
		Map<String, String> found = new HashMap<>();
		if (answer != null && answer.get("value") instanceof List<?> values) {
			for (Object value : values) {
				if (value instanceof Map<?, ?> entry && entry.get("providerName") instanceof String name
						&& entry.get("uri") instanceof String address) {
					found.put(name.toLowerCase(Locale.ROOT), address);
				}
			}
		}
		log.info("event=intune_services_discovered count={}", found.size());
		return Map.copyOf(found);
	}

	private Map<?, ?> read(URI uri, String scope) {
		return IntuneCalls.unavailableUnless("discovery",
				() -> this.http.get()
					.uri(uri)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.token(scope))
					.retrieve()
					.body(Map.class));
	}

}
