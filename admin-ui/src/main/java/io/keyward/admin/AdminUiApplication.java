package io.keyward.admin;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Keyward admin dashboard: PKI admins sign in and watch enrollments. It owns only the
 * admin users (schema {@code admin}); everything else it asks the other services for over
 * REST.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AdminUiApplication {

	/**
	 * The application with its own config name, so it can share one classpath with the
	 * other services in the standalone launcher.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(AdminUiApplication.class).properties("spring.config.name=admin-ui");
	}

	public static void main(String[] args) {
		application().run(args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
