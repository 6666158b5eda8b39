package io.keyward.edge.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Names the service on the lines Tomcat's own threads write where one JVM runs several
 * services (the standalone suite, {@link ServiceName}). A connector's threads, named
 * after it ({@code http-nio-8080-exec-1}, its poller and acceptor), write before any
 * filter names the thread: Tomcat's {@code Error parsing HTTP request header}. Graceful
 * shutdown's {@code tomcat-shutdown} thread writes its end while the suite closes the
 * service ({@link ServiceName#closing}). Both said {@value ServiceName#UNATTRIBUTED}.
 * <p>
 * A Logback turbo filter: it runs on the writing thread before the line is made, and puts
 * the service's name in the MDC of such a thread where none is. A connector's threads
 * serve only its service.
 */
public final class TomcatThreadNames extends TurboFilter {

	/** The thread graceful shutdown runs on (Spring Boot's {@code GracefulShutdown}). */
	static final String SHUTDOWN_THREAD = "tomcat-shutdown";

	/** A connector's threads' prefix (its name and a dash) to the service it serves. */
	private static final Map<String, String> servicesByConnector = new ConcurrentHashMap<>();

	private static volatile String closing;

	private TomcatThreadNames() {
	}

	/**
	 * Where the JVM runs several services and logs through Logback: records which service
	 * the web server's connectors serve, and installs the filter once.
	 * @param server the service's web server, just started
	 * @param service the service's {@code spring.application.name}
	 */
	public static void serve(WebServer server, String service) {
		if (System.getProperty(ServiceName.JVM_NAME_PROPERTY) == null || !(server instanceof TomcatWebServer tomcat)
				|| !(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
			return;
		}
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				// quoted as a JMX name: "http-nio-8080"
				String name = protocol.getName().replace("\"", "");
				servicesByConnector.put(name + "-", service);
				// port 0: the threads were named before the port was known
				// (http-nio-auto-1-exec-1, the connector now http-nio-auto-1-39903)
				String port = "-" + connector.getLocalPort();
				if (name.contains("-auto-") && name.endsWith(port)) {
					servicesByConnector.put(name.substring(0, name.length() - port.length()) + "-", service);
				}
			}
		}
		synchronized (TomcatThreadNames.class) {
			if (logback.getTurboFilterList().stream().noneMatch(TomcatThreadNames.class::isInstance)) {
				TomcatThreadNames filter = new TomcatThreadNames();
				filter.setContext(logback);
				filter.start();
				logback.addTurboFilter(filter);
			}
		}
	}

	/**
	 * The service the JVM is closing, for the lines of its graceful shutdown's thread.
	 * @param service the service's name, or what was there before when its close is over
	 * @return what was there before
	 */
	static String closing(String service) {
		String before = closing;
		closing = service;
		return before;
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable thrown) {
		if (MDC.get(ServiceName.MDC_KEY) == null) {
			String service = serviceOf(Thread.currentThread().getName());
			if (service != null) {
				MDC.put(ServiceName.MDC_KEY, service);
			}
		}
		return FilterReply.NEUTRAL;
	}

	static String serviceOf(String thread) {
		if (thread.equals(SHUTDOWN_THREAD)) {
			return closing;
		}
		if (!thread.startsWith("http")) {
			return null;
		}
		for (Map.Entry<String, String> connector : servicesByConnector.entrySet()) {
			if (thread.startsWith(connector.getKey())) {
				return connector.getValue();
			}
		}
		return null;
	}

}
