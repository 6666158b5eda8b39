package io.keyward.gateway.tls;

import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Opens the HTTPS listener on {@code keyward.gateway.tls.port}. With plain HTTP on, it is
 * a second Tomcat connector beside {@code server.port}, configured as the first one is
 * (header size for GET PKIOperation, keep-alive, swallow size) and following every update
 * of its SSL bundle; with plain HTTP off, the main connector itself serves the bundle.
 * Runs after Spring Boot's own customizers, so theirs are there to copy.
 */
class HttpsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final TlsProperties properties;

	private final SslBundles bundles;

	HttpsConnector(TlsProperties properties, SslBundles bundles) {
		this.properties = properties;
		this.bundles = bundles;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		String bundleName = this.properties.bundleName();
		if (!this.properties.httpEnabled()) {
			Ssl ssl = new Ssl();
			ssl.setBundle(bundleName);
			factory.setSsl(ssl);
			factory.setSslBundles(this.bundles);
			factory.setPort(this.properties.port());
			return;
		}
		Connector https = new Connector(factory.getProtocol());
		https.setPort(this.properties.port());
		https.setScheme("https");
		https.setSecure(true);
		if (factory.getAddress() != null) {
			https.setProperty("address", factory.getAddress().getHostAddress());
		}
		factory.getConnectorCustomizers().forEach((customizer) -> customizer.customize(https));
		SslConnectorCustomizer ssl = new SslConnectorCustomizer(LogFactory.getLog(HttpsConnector.class), https,
				Ssl.ClientAuth.NONE);
		SslBundle bundle = this.bundles.getBundle(bundleName);
		ssl.customize(bundle, Map.of());
		// a renewed self-issued certificate, or an operator's file rewritten in place
		// (reload-on-update): new handshakes get it
		this.bundles.addBundleUpdateHandler(bundleName, (updated) -> ssl.update(null, updated));
		factory.addAdditionalConnectors(https);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
