package io.keyward.challenge.intune;

import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * One POST to a discovered Intune service, with the headers the connector library sends
 * ({@code Authorization}, {@code client-request-id} fresh per call, {@code api-version},
 * {@code UserAgent}). A connection failure, a timeout or a 5xx is tried once more
 * (whether Intune's calls are idempotent is not documented, so no more than once); a 401
 * drops the cached token and tries once with a new one.
 */
class IntuneApi {

	private static final Logger log = LoggerFactory.getLogger(IntuneApi.class);

	private final IntuneProperties properties;

	private final RestClient http;

	private final EntraTokens tokens;

	private final IntuneServiceLocator services;

	IntuneApi(IntuneProperties properties, RestClient http, EntraTokens tokens, IntuneServiceLocator services) {
		this.properties = properties;
		this.http = http;
		this.tokens = tokens;
		this.services = services;
	}

	/**
	 * @param service the discovery name
	 * @param path appended to the service's URI, e.g.
	 * {@code /ScepActions/validateRequest}
	 * @param apiVersion the {@code api-version} header
	 * @param body the JSON body
	 * @return the JSON answer
	 * @throws IntuneUnavailableException when no answer came after the one retry
	 */
	Map<?, ?> post(String service, String path, String apiVersion, Map<String, Object> body) {
		try {
			return once(service, path, apiVersion, body);
		}
		catch (IntuneCalls.Status ex) {
			if (ex.status() == 401) {
				this.tokens.drop(scope());
			}
			else if (ex.status() < 500) {
				throw ex;
			}
			log.info("event=intune_call_retried call={} status={}", path, ex.status());
			return once(service, path, apiVersion, body);
		}
		catch (IntuneUnavailableException ex) {
			if (ex.getCause() != null && ex.getCause().getCause() instanceof UnknownHostException) {
				this.services.forget();
			}
			log.info("event=intune_call_retried call={} cause={}", path, ex.getMessage());
			return once(service, path, apiVersion, body);
		}
	}

	private Map<?, ?> once(String service, String path, String apiVersion, Map<String, Object> body) {
		String uri = this.services.uriOf(service) + path;
		String token = this.tokens.token(scope());
		String requestId = UUID.randomUUID().toString();
		Map<?, ?> answer = IntuneCalls.unavailableUnless(path,
				() -> this.http.post()
					.uri(uri)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.contentType(MediaType.APPLICATION_JSON)
					.header("client-request-id", requestId)
					.header("api-version", apiVersion)
					.header("UserAgent", this.properties.providerNameAndVersion())
					.header(HttpHeaders.USER_AGENT, this.properties.providerNameAndVersion())
					.body(body)
					.retrieve()
					.body(Map.class));
		if (answer == null) {
			throw new IntuneUnavailableException(path, "empty answer");
		}
		return answer;
	}

	/**
	 * Intune's resource with {@code /.default}: the canonical form of the connector's.
	 */
	private String scope() {
		return this.properties.intuneResourceUrl().resolve("/.default").toString();
	}

}
