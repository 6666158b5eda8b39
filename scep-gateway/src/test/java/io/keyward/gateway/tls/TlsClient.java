package io.keyward.gateway.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client that trusts one CA and checks the host name, as a device given the CA
 * does; each call opens a new connection, so it sees the certificate served now.
 */
final class TlsClient {

	private final SSLContext context;

	TlsClient(X509Certificate trustedCa) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", trustedCa);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		this.context = SSLContext.getInstance("TLS");
		this.context.init(null, trustManagers.getTrustManagers(), null);
	}

	/** Handshake on a new connection and return the server's certificate. */
	X509Certificate served(String host, int port) throws Exception {
		try (SSLSocket socket = (SSLSocket) this.context.getSocketFactory().createSocket(host, port)) {
			javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
			// RFC 6125 host name check, as HTTPS clients do
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	HttpResponse<byte[]> get(URI uri) throws Exception {
		try (HttpClient http = HttpClient.newBuilder()
			.sslContext(this.context)
			.version(HttpClient.Version.HTTP_1_1)
			.build()) {
			return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		}
	}

}
