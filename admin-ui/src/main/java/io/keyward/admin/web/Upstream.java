package io.keyward.admin.web;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A state-changing or detail call to another Keyward service on behalf of the admin API
 * or a dashboard form. The caller's mistakes that the service reports (unknown serial,
 * already revoked, not waiting) come back as the same 4xx with the service's own
 * caller-facing detail; the service being down or refusing our credential is a 502/503,
 * never the caller's fault.
 */
public final class Upstream {

	private static final Logger log = LoggerFactory.getLogger(Upstream.class);

	private Upstream() {
	}

	public static <T> T call(String service, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
			if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN) {
				log.warn("event=service_error service={} status={}", service, ex.getStatusCode().value());
				throw new ApiProblem(HttpStatus.BAD_GATEWAY, service + " refused the admin-ui's service credential");
			}
			if (status != null && status.is4xxClientError()) {
				throw new ApiProblem(status, detail(ex, service));
			}
			log.warn("event=service_error service={} status={}", service, ex.getStatusCode().value());
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, service + " failed (HTTP " + ex.getStatusCode().value() + ")");
		}
		catch (ResourceAccessException ex) {
			log.warn("event=service_unreachable service={} cause={}", service, ex.getMessage());
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, service + " is not reachable, retry later");
		}
		catch (RestClientException ex) {
			log.warn("event=service_error service={} cause={}", service, ex.getMessage());
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, service + " sent an answer the admin-ui cannot read");
		}
	}

	static String detail(RestClientResponseException ex, String service) {
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			if (problem != null && problem.getDetail() != null) {
				return problem.getDetail();
			}
		}
		catch (RuntimeException ignored) {
			// not a problem document: fall through to a generic sentence
		}
		return service + " refused the request (HTTP " + ex.getStatusCode().value() + ")";
	}

}
