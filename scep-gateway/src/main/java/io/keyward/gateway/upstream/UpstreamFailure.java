package io.keyward.gateway.upstream;

import java.util.function.Supplier;

import org.springframework.http.ProblemDetail;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * How a call to the challenge-service or the ca-adapter failed, reduced to what the
 * enrollment needs: whether the caller's request was refused (a 4xx with a reason) or the
 * service could not answer (unreachable, 5xx, misconfigured token), which is worth a
 * retry.
 *
 * @param refused the service understood and refused the request
 * @param detail the service's problem detail or a short description
 * @param failInfo the SCEP failInfo a refusal names (the ca-adapter's problem property
 * {@code failInfo}, e.g. {@code badAlg}), null when it names none
 */
public record UpstreamFailure(boolean refused, String detail, String failInfo) {

	/**
	 * Make one call to an upstream service.
	 * @param service the service's name, for the reason recorded when it fails
	 * @param call the call
	 * @return what the service answered
	 * @throws UpstreamException the call failed, classified
	 */
	public static <T> T call(String service, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientException ex) {
			throw new UpstreamException(service, of(ex));
		}
	}

	/**
	 * Classify a client exception. A 401/403 means our own token is wrong: that is not
	 * the device's fault, so it counts as unavailable.
	 */
	public static UpstreamFailure of(RestClientException ex) {
		if (ex instanceof RestClientResponseException response) {
			int status = response.getStatusCode().value();
			if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 404 && status != 408
					&& status != 429) {
				return refusal(response);
			}
			return new UpstreamFailure(false, "HTTP " + status, null);
		}
		return new UpstreamFailure(false, ex.getClass().getSimpleName(), null);
	}

	private static UpstreamFailure refusal(RestClientResponseException response) {
		String status = "HTTP " + response.getStatusCode().value();
		ProblemDetail problem;
		try {
			problem = response.getResponseBodyAs(ProblemDetail.class);
		}
		catch (RuntimeException ex) {
			// not a problem document: fall back to the status line
			problem = null;
		}
		if (problem == null) {
			return new UpstreamFailure(true, status, null);
		}
		String detail = (problem.getDetail() != null) ? problem.getDetail()
				: (problem.getTitle() != null) ? problem.getTitle() : status;
		Object failInfo = (problem.getProperties() != null) ? problem.getProperties().get("failInfo") : null;
		return new UpstreamFailure(true, detail, (failInfo instanceof String name) ? name : null);
	}

}
