package io.keyward.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of a SCEP server (RFC 8894 section 4): HTTP/1.1 with keep-alive, one
 * pooled connection per worker, shared by all workers so connections are reused as a
 * device fleet behind a proxy would.
 * <p>
 * Blocking I/O on the worker's own thread (Apache HttpClient classic): the load generator
 * shares the machine with the server under test, and the JDK {@code HttpClient}'s
 * selector thread and executor hand-offs cost about as much CPU per request as the
 * certificate checks. Nothing is retried behind the worker's back: every attempt is
 * measured.
 */
final class ScepEndpoint implements AutoCloseable {

	/**
	 * A pooled connection idle this long is checked before reuse (the server may have
	 * closed it).
	 */
	private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

	private static final ContentType PKI_MESSAGE = ContentType.create("application/x-pki-message");

	private final URI url;

	private final String caIdent;

	private final CloseableHttpClient http;

	/**
	 * @param url the SCEP URL
	 * @param caIdent the GetCACert/GetCACaps message, or null
	 * @param timeout connect timeout and the longest wait for an answer
	 * @param connections the most requests in flight at once
	 */
	ScepEndpoint(URI url, String caIdent, Duration timeout, int connections) {
		this.url = url;
		this.caIdent = caIdent;
		Timeout limit = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
		PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
			.useSystemProperties()
			.setMaxConnTotal(connections)
			.setMaxConnPerRoute(connections)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(limit)
				.setSocketTimeout(limit)
				.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
				.build())
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
	}

	Response get(String operation) throws IOException {
		String query = "operation=" + operation;
		if (this.caIdent != null) {
			query += "&message=" + URLEncoder.encode(this.caIdent, StandardCharsets.UTF_8);
		}
		return send(new HttpGet(withQuery(query)));
	}

	/**
	 * POST PKIOperation (section 4.3): the raw DER pkiMessage as the body.
	 */
	Response pkiOperation(byte[] pkiMessage) throws IOException {
		HttpPost post = new HttpPost(withQuery("operation=PKIOperation"));
		post.setEntity(new ByteArrayEntity(pkiMessage, PKI_MESSAGE));
		return send(post);
	}

	private Response send(HttpUriRequestBase request) throws IOException {
		return this.http.execute(request, (response) -> new Response(response.getCode(),
				(response.getEntity() != null) ? EntityUtils.toByteArray(response.getEntity()) : new byte[0]));
	}

	private URI withQuery(String query) {
		String base = this.url.toString();
		return URI.create(base + (base.contains("?") ? "&" : "?") + query);
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

	/**
	 * @param statusCode the HTTP status
	 * @param body the whole body, empty when there was none
	 */
	record Response(int statusCode, byte[] body) {
	}

}
