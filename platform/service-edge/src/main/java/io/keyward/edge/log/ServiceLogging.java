package io.keyward.edge.log;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Every service's log line layout, in one place: after the thread, the service that wrote
 * the line ({@link ServiceName}), then the trace id of the request being served
 * ({@code traceId=}, Micrometer Tracing) and the enrollment's correlation id
 * ({@code correlationId=}, {@link CorrelationIds}), each only when there is one. The
 * layout is a default a service's own configuration may replace
 * ({@code logging.pattern.correlation}); Spring Boot's own application name is left out,
 * as it is the JVM's, not the thread's.
 * <p>
 * Also names the service in the MDC of the thread that starts it, until it is ready and
 * its ready listeners have run ({@link ServiceStartEnd}), and starts Spring MVC's servlet
 * with the service rather than at its first request, so that the servlet's start is
 * written on that thread, not on a request thread before the service names it.
 */
public class ServiceLogging implements SmartApplicationListener {

	/** The defaults' property source name. */
	static final String DEFAULTS = "keywardLoggingDefaults";

	/**
	 * A thread no service set up falls back to the JVM's name: the suite's where one JVM
	 * runs them all, otherwise the one service's (resolved by Spring as the logging
	 * system starts).
	 */
	static final String PATTERN = "[%X{" + ServiceName.MDC_KEY + ":-${" + ServiceName.JVM_NAME_PROPERTY
			+ ":${spring.application.name:" + ServiceName.UNATTRIBUTED + "}}}] " + present("traceId")
			+ present(CorrelationIds.MDC_KEY);

	private static final ThreadLocal<CorrelationIds.Scope> starting = new ThreadLocal<>();

	/** {@code key=value } when the MDC holds the key, nothing otherwise. */
	private static String present(String key) {
		return "%replace(" + key + "=%X{" + key + "} ){'^" + key + "= $', ''}";
	}

	private static MapPropertySource defaults() {
		return new MapPropertySource(DEFAULTS,
				Map.of("logging.pattern.correlation", PATTERN, "logging.include-application-name", "false",
						// no trace exemplars in the scrape: Prometheus before
						// 2.49 (Debian 12's 2.42) refuses a whole scrape whose
						// summary _count carries one ("does not support exemplars")
						"management.tracing.exemplars.include", "none",
						// a first request no longer pays for it either
						"spring.mvc.servlet.load-on-startup", "1"));
	}

	/**
	 * Sets the JVM's logging up as the services will, for the lines a JVM that runs
	 * several services writes before the first of them starts (the standalone suite's
	 * embedded PostgreSQL, its crypto provider): without it they came in Logback's bare
	 * default layout, which names no service and is not JSON where JSON logs are on. The
	 * settings are the JVM's own (environment variables, system properties), as no
	 * service's configuration is read yet.
	 * @return what hands the logging system over to the first service, which sets it up
	 * again with its own configuration; to be run just before that service starts, or
	 * when no service will (it acts once)
	 */
	public static Runnable beforeServices() {
		LoggingSystem system = LoggingSystem.get(ServiceLogging.class.getClassLoader());
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(defaults());
		system.beforeInitialize();
		system.initialize(new LoggingInitializationContext(environment), null, null);
		AtomicBoolean handedOver = new AtomicBoolean();
		return () -> {
			if (handedOver.compareAndSet(false, true)) {
				system.cleanUp();
			}
		};
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			ConfigurableEnvironment environment = prepared.getEnvironment();
			if (!environment.getPropertySources().contains(DEFAULTS)) {
				environment.getPropertySources().addLast(defaults());
			}
			finishStart();
			starting.set(ServiceName.inMdc(environment.getProperty("spring.application.name")));
		}
	}

	/** The service's start is over: its thread no longer names it. */
	static void finishStart() {
		CorrelationIds.Scope named = starting.get();
		if (named != null) {
			starting.remove();
			named.close();
		}
	}

	/** Before the logging system reads the environment. */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER - 1;
	}

}
