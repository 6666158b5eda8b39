package io.keyward.challenge;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The challenge-service: mints one-time SCEP challenge passwords for MDM systems and
 * redeems them, exactly once, for the scep-gateway (RFC 8894 section 2.3, the NDES
 * one-time password cache).
 *
 * <p>
 * Boot's in-memory user (and its "generated security password" log line) is excluded: no
 * endpoint here takes a user name and password.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class ChallengeServiceApplication {

	/**
	 * The application with its own configuration file, so that it can share a classpath
	 * with the other services in the standalone launcher.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ChallengeServiceApplication.class)
			.properties("spring.config.name=challenge-service");
	}

	public static void main(String[] args) {
		application().run(args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
