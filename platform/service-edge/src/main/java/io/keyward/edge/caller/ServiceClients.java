package io.keyward.edge.caller;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the HTTP interface clients one service uses to call another: a base URL,
 * timeouts, the caller's bearer token, and a pool of keep-alive connections.
 * <p>
 * The client is Apache HttpClient's classic (blocking) one: the request runs on the
 * calling thread, which is already one of the server's request threads. The JDK
 * {@code HttpClient} hands every exchange to a selector thread and an executor and back,
 * which cost about 8 % of the standalone suite's CPU per enrollment and, with the default
 * executor, let a busy common ForkJoinPool stall inter-service calls
 * (docs/performance-notes.md).
 */
public final class ServiceClients {

	/**
	 * Connections kept per upstream service: more than the gateway's request threads ever
	 * use at once on a small machine, so a burst does not queue for a connection.
	 */
	private static final int CONNECTIONS = 64;

	/**
	 * A pooled connection idle this long is checked before reuse: the server may have
	 * closed it (Tomcat's keep-alive timeout) and a POST sent on it would fail.
	 */
	private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

	private ServiceClients() {
	}

	/**
	 * @param builder a {@link RestClient.Builder} (Boot's, so observations and message
	 * converters apply)
	 * @param baseUrl for example {@code http://127.0.0.1:8081}
	 * @param token this caller's bearer token
	 * @param timeout connect and read timeout
	 * @param type the {@code @HttpExchange} interface
	 */
	public static <T> T create(RestClient.Builder builder, String baseUrl, String token, Duration timeout,
			Class<T> type) {
		RestClient client = builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(new HttpComponentsClientHttpRequestFactory(http(timeout)))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(type);
	}

	private static CloseableHttpClient http(Duration timeout) {
		Timeout limit = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(CONNECTIONS)
			.setMaxConnPerRoute(CONNECTIONS)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(limit)
				.setSocketTimeout(limit)
				.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
			// a redemption or an issuance is never sent twice behind the caller's back:
			// the gateway decides what a failed call means (docs/reliability.md)
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
	}

}
