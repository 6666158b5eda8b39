package io.keyward.ca;

import io.keyward.scep.NativeCrypto;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ca-adapter: the built-in certificate authority, its templates and the inventory of
 * issued certificates. Internal callers (the scep-gateway, the admin-ui) use its REST API
 * with a service token.
 */
// No users log in here: excluding the user-details auto-configuration stops Boot from
// generating and logging a default password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CaAdapterApplication {

	static {
		// before any key is generated or loaded: the fastest RSA provider where available
		NativeCrypto.install();
	}

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(CaAdapterApplication.class).properties("spring.config.name=ca-adapter");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
