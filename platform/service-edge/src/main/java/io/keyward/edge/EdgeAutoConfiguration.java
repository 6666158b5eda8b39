package io.keyward.edge;

import io.keyward.edge.caller.CallerProperties;
import io.keyward.edge.caller.Callers;
import io.keyward.edge.caller.ServiceEdge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What every Keyward service has at its edge: the internal callers it accepts and the one
 * way to guard an API with them ({@link ServiceEdge}).
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

}
