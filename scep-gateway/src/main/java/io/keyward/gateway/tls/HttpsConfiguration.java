package io.keyward.gateway.tls;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS for devices (on unless {@code keyward.gateway.tls.enabled=false}): the
 * self-issued certificate's SSL bundle and the listener that serves it, or the operator's
 * bundle.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "keyward.gateway.tls.enabled", matchIfMissing = true)
class HttpsConfiguration {

	/**
	 * Runs when the SSL bundle registry is created, which the web server's creation asks
	 * for; {@link SelfIssuedTlsCertificate} swaps in the CA's certificate before the
	 * listener accepts connections.
	 */
	@Bean
	SslBundleRegistrar selfIssuedTlsBundle(TlsProperties properties) {
		return (registry) -> {
			if (properties.selfIssued()) {
				SelfIssuedTlsCertificate.registerProvisional(registry, properties);
			}
		};
	}

	@Bean
	HttpsConnector httpsConnector(TlsProperties properties, SslBundles bundles) {
		return new HttpsConnector(properties, bundles);
	}

}
