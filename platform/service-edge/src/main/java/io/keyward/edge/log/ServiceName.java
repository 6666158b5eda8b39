package io.keyward.edge.log;

/**
 * The name of the service a thread works for, in the MDC under {@value #MDC_KEY}: every
 * log line names the service that wrote it (the {@code [scep-gateway]} after the thread
 * name, and a field of the JSON lines), also where one JVM runs all four services (the
 * standalone suite), whose logging system is the JVM's and would otherwise name only the
 * service that set it up (issue 15).
 * <p>
 * Set for the request threads ({@link ServiceNameFilter}), for scheduled tasks
 * ({@link ServiceNameTaskDecorator}), for the thread that starts the service
 * ({@link ServiceLogging}) and, where one JVM runs several services, for Tomcat's own
 * threads ({@link TomcatThreadNames}); a line written by none of them (a JVM-wide thread:
 * the servlet container's start, the main thread after start, shutdown) names the JVM's
 * {@code spring.application.name} where the JVM runs one service (a container), and
 * {@value #UNATTRIBUTED} where the JVM says it runs several (the system property
 * {@value #JVM_NAME_PROPERTY}, set by the standalone suite).
 */
public final class ServiceName {

	/** The MDC key, and the field of JSON log lines. */
	public static final String MDC_KEY = "serviceName";

	/**
	 * What a line no service's thread wrote shows where one JVM runs several services.
	 */
	public static final String UNATTRIBUTED = "keyward";

	/** The system property naming the JVM where it runs several services. */
	public static final String JVM_NAME_PROPERTY = "keyward.log.jvm-name";

	private ServiceName() {
	}

	/**
	 * Put the name in the MDC until the returned handle is closed.
	 * @param name the service's {@code spring.application.name}
	 * @return the handle that puts back what was there before
	 */
	public static CorrelationIds.Scope inMdc(String name) {
		return Mdc.put(MDC_KEY, name);
	}

	/**
	 * The JVM closes the named service on this thread until the returned handle is
	 * closed: the thread names it, and so does the thread its web server's graceful
	 * shutdown ends on ({@link TomcatThreadNames}). Where one JVM runs several services,
	 * they are closed one at a time: the JVM keeps one closing service for that thread.
	 * @param name the service's {@code spring.application.name}
	 * @return the handle that ends it and puts back what was there before
	 */
	public static CorrelationIds.Scope closing(String name) {
		CorrelationIds.Scope named = inMdc(name);
		String before = TomcatThreadNames.closing(name);
		return () -> {
			TomcatThreadNames.closing(before);
			named.close();
		};
	}

}
