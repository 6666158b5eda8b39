package io.keyward.gateway.tls;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The port the HTTPS listener actually opened (the configured one, or a free one for
 * {@code 0}), for the launcher's banner and for tests; -1 while there is none.
 */
@Component
public class HttpsPort {

	private volatile int port = -1;

	@EventListener
	void onWebServerStarted(WebServerInitializedEvent event) {
		if (event.getWebServer() instanceof TomcatWebServer tomcat) {
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol
						&& protocol.isSSLEnabled()) {
					this.port = connector.getLocalPort();
				}
			}
		}
	}

	public int port() {
		return this.port;
	}

}
