package io.keyward.edge.log;

import ch.qos.logback.classic.spi.ILoggingEvent;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Structured JSON lines name their service in {@code serviceName} also where no service
 * set up the thread that wrote them (a JVM-wide thread: the servlet container's own, the
 * main thread after start, shutdown): the same fallback as the text lines'
 * ({@link ServiceLogging}), the JVM's {@code spring.application.name} where it runs one
 * service, {@value ServiceName#UNATTRIBUTED} where it runs the suite. A thread a service
 * set up carries its name in the MDC, which the JSON formats already write.
 */
public class ServiceNameJsonMember implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

	private final String jvmName;

	/**
	 * The constructor Spring Boot's structured logging calls.
	 * @param environment the environment of the service that set up logging
	 */
	public ServiceNameJsonMember(Environment environment) {
		this.jvmName = System.getProperty(ServiceName.JVM_NAME_PROPERTY,
				environment.getProperty("spring.application.name", ServiceName.UNATTRIBUTED));
	}

	@Override
	public void customize(JsonWriter.Members<ILoggingEvent> members) {
		members.add(ServiceName.MDC_KEY, this::unnamed).whenNotNull();
	}

	/** The JVM's name for a line whose thread names no service, otherwise nothing. */
	private String unnamed(ILoggingEvent event) {
		return (event.getMDCPropertyMap().get(ServiceName.MDC_KEY) == null) ? this.jvmName : null;
	}

}
