package io.keyward.edge.log;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Ends the naming of the thread that started a service ({@link ServiceLogging}) once the
 * service is ready and every ready listener has run, or once its start failed. Spring
 * Boot's own run listener, which publishes {@code ApplicationReadyEvent} and
 * {@code ApplicationFailedEvent}, comes first (order 0): what the service's listeners
 * write then (the gateway's RA and CA certificate checks, the ca-adapter's first CRL, a
 * failed start's report) still names the service where one JVM runs the whole suite.
 */
public class ServiceStartEnd implements SpringApplicationRunListener, Ordered {

	/**
	 * The constructor Spring Boot calls for a run listener.
	 * @param application the application being started
	 * @param args its arguments
	 */
	public ServiceStartEnd(SpringApplication application, String[] args) {
	}

	@Override
	public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
		ServiceLogging.finishStart();
	}

	@Override
	public void failed(ConfigurableApplicationContext context, Throwable exception) {
		ServiceLogging.finishStart();
	}

	@Override
	public int getOrder() {
		return 1;
	}

}
