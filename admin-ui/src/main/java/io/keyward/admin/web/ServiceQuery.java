package io.keyward.admin.web;

import java.net.URI;
import java.util.function.Supplier;

/**
 * One read from another Keyward service, written once and used by a dashboard page and by
 * the admin API alike: the page renders what it got or a banner saying why not
 * ({@link RemoteCall}), the API answers it or an RFC 9457 problem ({@link Upstream}: the
 * caller's own mistake as the service's 4xx, the service down or refusing the admin-ui's
 * credential as 502/503).
 *
 * @param <T> the payload type
 * @param service the service's name as operators know it, e.g. {@code scep-gateway}
 * @param baseUrl where it is configured to be
 * @param tokenConfigured whether the admin-ui has a service token at all
 * @param call the HTTP interface call
 */
public record ServiceQuery<T>(String service, URI baseUrl, boolean tokenConfigured, Supplier<T> call) {

	/**
	 * @return the answer, or the sentence the page's banner shows
	 */
	public RemoteCall<T> forPage() {
		return RemoteCall.of(this.service, this.baseUrl, this.tokenConfigured, this.call);
	}

	/**
	 * @return the answer
	 * @throws ApiProblem the service's refusal of the caller's input (4xx), or 502/503
	 * when the service cannot answer
	 */
	public T forApi() {
		return Upstream.call(this.service, this.call);
	}

}
