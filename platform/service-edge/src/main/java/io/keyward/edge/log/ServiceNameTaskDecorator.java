package io.keyward.edge.log;

import org.springframework.core.task.TaskDecorator;

/**
 * Names the service in the MDC ({@link ServiceName}) while one of its scheduled or
 * asynchronous tasks runs: Spring Boot applies the one {@link TaskDecorator} bean to its
 * task scheduler and task executor.
 */
public class ServiceNameTaskDecorator implements TaskDecorator {

	private final String name;

	public ServiceNameTaskDecorator(String name) {
		this.name = name;
	}

	@Override
	public Runnable decorate(Runnable task) {
		return () -> {
			try (CorrelationIds.Scope named = ServiceName.inMdc(this.name)) {
				task.run();
			}
		};
	}

}
