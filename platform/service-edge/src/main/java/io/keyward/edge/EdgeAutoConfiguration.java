package io.keyward.edge;

import io.keyward.edge.caller.CallerProperties;
import io.keyward.edge.caller.Callers;
import io.keyward.edge.caller.ServiceEdge;
import io.keyward.edge.log.ServiceNameFilter;
import io.keyward.edge.log.ServiceNameTaskDecorator;
import io.keyward.edge.log.TomcatThreadNames;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What every Keyward service has at its edge: the internal callers it accepts and the one
 * way to guard an API with them ({@link ServiceEdge}); its name in the log lines of its
 * requests and tasks ({@link io.keyward.edge.log.ServiceName}).
 */
@AutoConfiguration
@EnableConfigurationProperties(CallerProperties.class)
public class EdgeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceEdge serviceEdge(CallerProperties properties) {
		return new ServiceEdge(Callers.of(properties));
	}

	/**
	 * No Micrometer observations of the security filter chains: they wrap every filter
	 * and start timers on each request of the enrollment path, while
	 * {@code http.server.requests} already measures every request.
	 */
	@Bean
	@ConditionalOnMissingBean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskDecorator serviceNameTaskDecorator(@Value("${spring.application.name:}") String name) {
		return new ServiceNameTaskDecorator(name);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletServiceName {

		@Bean
		FilterRegistrationBean<ServiceNameFilter> serviceNameFilter(@Value("${spring.application.name:}") String name) {
			FilterRegistrationBean<ServiceNameFilter> registration = new FilterRegistrationBean<>(
					new ServiceNameFilter(name));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		/** Where one JVM runs several services: Tomcat's own threads name this one. */
		@Bean
		@ConditionalOnClass(
				name = { "org.springframework.boot.tomcat.TomcatWebServer", "ch.qos.logback.classic.LoggerContext" })
		static ApplicationListener<WebServerInitializedEvent> tomcatThreadNames(Environment environment) {
			return (event) -> TomcatThreadNames.serve(event.getWebServer(),
					environment.getProperty("spring.application.name", ""));
		}

	}

}
