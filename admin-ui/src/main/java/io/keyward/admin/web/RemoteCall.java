package io.keyward.admin.web;

import java.net.URI;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The answer of another Keyward service, or the sentence the page shows in a banner when
 * there is none. A page whose data source is down still renders (HTTP 200) so the admin
 * sees what is wrong instead of an error page.
 *
 * @param <T> the payload type
 * @param value the payload, null when the call failed
 * @param problem what went wrong, for the banner; null when the call succeeded
 */
public record RemoteCall<T>(T value, String problem) {

	private static final Logger log = LoggerFactory.getLogger(RemoteCall.class);

	/**
	 * @param service the service's name as operators know it, for example
	 * {@code scep-gateway}
	 * @param baseUrl where it is configured to be
	 * @param tokenConfigured whether a service token is configured at all
	 * @param call the HTTP interface call
	 */
	public static <T> RemoteCall<T> of(String service, URI baseUrl, boolean tokenConfigured, Supplier<T> call) {
		if (!tokenConfigured) {
			return failed(service + " not queried: no service token configured (keyward.admin.service-token / "
					+ "KEYWARD_ADMIN_UI_TOKEN)");
		}
		try {
			return new RemoteCall<>(call.get(), null);
		}
		catch (ResourceAccessException ex) {
			log.warn("event=service_unreachable service={} url={} cause={}", service, baseUrl, ex.getMessage());
			return failed(service + " unreachable at " + baseUrl);
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			log.warn("event=service_error service={} url={} status={}", service, baseUrl, status);
			if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
				return failed(service + " at " + baseUrl + " refused the service token (HTTP " + status
						+ "): check KEYWARD_ADMIN_UI_TOKEN");
			}
			if (status == HttpStatus.BAD_REQUEST.value()) {
				// the admin's own input (a search the service could not read): say what
				return failed(Upstream.detail(ex, service));
			}
			return failed(service + " at " + baseUrl + " answered HTTP " + status);
		}
		catch (RestClientException ex) {
			log.warn("event=service_error service={} url={} cause={}", service, baseUrl, ex.getMessage());
			return failed(service + " at " + baseUrl + " sent an answer the dashboard cannot read");
		}
	}

	private static <T> RemoteCall<T> failed(String problem) {
		return new RemoteCall<>(null, problem);
	}

	public boolean ok() {
		return this.problem == null;
	}

}
