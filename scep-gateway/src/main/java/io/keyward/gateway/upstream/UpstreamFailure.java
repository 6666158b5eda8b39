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
 */
public record UpstreamFailure(boolean refused, String detail) {

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
				return new UpstreamFailure(true, problemDetail(response));
			}
			return new UpstreamFailure(false, "HTTP " + status);
		}
		return new UpstreamFailure(false, ex.getClass().getSimpleName());
	}

	private static String problemDetail(RestClientResponseException response) {
		try {
			ProblemDetail problem = response.getResponseBodyAs(ProblemDetail.class);
			if (problem != null && problem.getDetail() != null) {
				return problem.getDetail();
			}
			if (problem != null && problem.getTitle() != null) {
				return problem.getTitle();
			}
		}
		catch (RuntimeException ex) {
			// not a problem document: fall back to the status line
		}
		return "HTTP " + response.getStatusCode().value();
	}

}
