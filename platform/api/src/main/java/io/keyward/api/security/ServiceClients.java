package io.keyward.api.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the HTTP interface clients one service uses to call another: a pooled JDK
 * {@link HttpClient}, a base URL, timeouts and the caller's bearer token.
 */
public final class ServiceClients {

	private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "keyward-service-client");
		thread.setDaemon(true);
		return thread;
	});

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
		// Its own executor: with the default one, dependent stages could land on the
		// shared
		// ForkJoinPool, which has a single worker on 2 cores; anything else keeping that
		// pool
		// busy (in the one-JVM standalone suite) then stalled every inter-service call
		// until
		// its read timeout.
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.executor(EXECUTOR)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(timeout);
		RestClient client = builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(type);
	}

}
