package io.keyward.gateway;

import java.time.Clock;

import io.keyward.scep.NativeCrypto;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The SCEP (RFC 8894) endpoint of Keyward, also reachable at the NDES path
 * {@code /certsrv/mscep/mscep.dll}.
 */
// no users here: SCEP is authorised by challenge, the API by service token, so Boot's
// generated in-memory user (and its logged password) is left out
@SpringBootApplication(
		excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConfigurationPropertiesScan
// the finisher completes transactions an upstream outage left open
@EnableScheduling
public class ScepGatewayApplication {

	static {
		// before any key is generated or loaded: the fastest RSA provider where available
		NativeCrypto.install();
	}

	/**
	 * The builder the standalone launcher and {@link #main} use: the configuration file
	 * is {@code scep-gateway.yml} so four services can share one classpath.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ScepGatewayApplication.class).properties("spring.config.name=scep-gateway");
	}

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * UTC system time, unless a launcher or test registered its own {@code Clock} first.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
